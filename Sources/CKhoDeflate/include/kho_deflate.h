#ifndef KHO_DEFLATE_H
#define KHO_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/* Raw DEFLATE (RFC 1951) encoder of our own: hash-chain matching with lazy evaluation, dynamic,
 * static or stored blocks, whichever is smallest. One encoder per thread; it keeps no state from
 * one chunk to the next, so the bytes of a chunk depend only on its input, history, level and
 * whether it is final. */

typedef struct kho_deflater kho_deflater;

/* A new encoder for levels 1...9 (6 is zlib's default trade-off); NULL for another level or
 * when memory runs out. */
kho_deflater *kho_deflater_new(int level);
void kho_deflater_free(kho_deflater *deflater);

/* The most bytes kho_deflate_chunk writes for `length` bytes of input. */
size_t kho_deflate_bound(size_t length);

/* Compresses data[start..<length]; data[0..<start] is history that matches may refer to (only
 * its last 32 KiB counts). A final chunk ends the stream (BFINAL, padded to a byte); any other
 * ends on a byte boundary with no final block, so chunks compressed apart concatenate into one
 * stream. Returns the bytes written, or -1 if `capacity` is below kho_deflate_bound(length -
 * start) or length is 1 GiB or more. */
ptrdiff_t kho_deflate_chunk(kho_deflater *deflater, const uint8_t *data, size_t start, size_t length,
                            int final, uint8_t *out, size_t capacity);

#endif
