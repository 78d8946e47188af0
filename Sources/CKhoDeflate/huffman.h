#ifndef KHO_HUFFMAN_H
#define KHO_HUFFMAN_H

#include <stdint.h>

/* Code lengths for `count` symbols from their frequencies, none longer than `max_length`, forming
 * a complete prefix code with at least two codes (zlib's inflate refuses anything else, except a
 * lone distance code). Symbols with frequency 0 get length 0 unless needed as the second code. */
void kho_huffman_lengths(const uint32_t *frequencies, unsigned count, unsigned max_length, uint8_t *lengths);

/* Canonical codes (RFC 1951 3.2.2) for the lengths, bit-reversed for an LSB-first writer. */
void kho_huffman_codes(const uint8_t *lengths, unsigned count, uint16_t *codes);

#endif
