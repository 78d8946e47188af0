#include "huffman.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SYMBOLS 288
#define MAX_DEPTH (MAX_SYMBOLS + 1)

/* Orders leaves by frequency, then by symbol, so equal inputs always give equal codes. */
static int compare_leaves(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void kho_huffman_lengths(const uint32_t *frequencies, unsigned count, unsigned max_length, uint8_t *lengths) {
    /* Each leaf packed as frequency << 16 | symbol: sorting the integers sorts by both. */
    uint64_t leaves[MAX_SYMBOLS];
    unsigned used = 0;
    memset(lengths, 0, count);
    for (unsigned symbol = 0; symbol < count; symbol++) {
        if (frequencies[symbol] != 0) leaves[used++] = (uint64_t)frequencies[symbol] << 16 | symbol;
    }
    /* A lone code (or none) is padded with a second one of length 1: a complete one-bit code. */
    if (used < 2) {
        unsigned first = used == 1 ? (unsigned)(leaves[0] & 0xFFFF) : 0;
        lengths[first] = 1;
        lengths[first == 0 ? 1 : 0] = 1;
        return;
    }
    qsort(leaves, used, sizeof leaves[0], compare_leaves);

    /* Two-queue Huffman: leaves come sorted and merged nodes are made in non-decreasing weight,
     * so the two lightest are always at the head of one queue or the other. */
    uint64_t weight[2 * MAX_SYMBOLS];
    uint16_t parent[2 * MAX_SYMBOLS];
    for (unsigned i = 0; i < used; i++) weight[i] = leaves[i] >> 16;
    unsigned nextLeaf = 0, nextNode = used;
    for (unsigned node = used; node < 2 * used - 1; node++) {
        unsigned pick[2];
        for (int k = 0; k < 2; k++) {
            if (nextLeaf < used && (nextNode >= node || weight[nextLeaf] <= weight[nextNode])) pick[k] = nextLeaf++;
            else pick[k] = nextNode++;
        }
        weight[node] = weight[pick[0]] + weight[pick[1]];
        parent[pick[0]] = parent[pick[1]] = (uint16_t)node;
    }
    /* Depths from the root down; nodes were made after their children, so walk backwards. */
    unsigned depth[2 * MAX_SYMBOLS];
    unsigned root = 2 * used - 2;
    depth[root] = 0;
    unsigned lengthCount[MAX_DEPTH + 1];
    memset(lengthCount, 0, sizeof lengthCount);
    for (int node = (int)root - 1; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
    for (unsigned i = 0; i < used; i++) lengthCount[depth[i] > MAX_DEPTH ? MAX_DEPTH : depth[i]]++;

    /* Limit the lengths on the counts alone. Clamping makes the code over-full; each step takes
     * one leaf off the longest level and hangs it, with a leaf from the deepest shorter level, one
     * level below that leaf's place: the Kraft sum drops by exactly one unit of 2^-max_length, so
     * the loop ends on a complete code. */
    uint64_t kraft = 0;
    for (unsigned length = max_length + 1; length <= MAX_DEPTH; length++) {
        lengthCount[max_length] += lengthCount[length];
        lengthCount[length] = 0;
    }
    for (unsigned length = 1; length <= max_length; length++) kraft += (uint64_t)lengthCount[length] << (max_length - length);
    while (kraft > (1u << max_length)) {
        lengthCount[max_length]--;
        for (unsigned length = max_length - 1; length > 0; length--) {
            if (lengthCount[length] != 0) {
                lengthCount[length]--;
                lengthCount[length + 1] += 2;
                break;
            }
        }
        kraft--;
    }
    /* The most frequent symbols get the shortest codes. */
    unsigned leaf = used;
    for (unsigned length = 1; length <= max_length; length++) {
        for (unsigned n = lengthCount[length]; n > 0; n--) {
            leaf--;
            lengths[leaves[leaf] & 0xFFFF] = (uint8_t)length;
        }
    }
}

void kho_huffman_codes(const uint8_t *lengths, unsigned count, uint16_t *codes) {
    unsigned lengthCount[16] = {0};
    unsigned next[16];
    for (unsigned symbol = 0; symbol < count; symbol++) lengthCount[lengths[symbol]]++;
    lengthCount[0] = 0;
    unsigned code = 0;
    for (unsigned length = 1; length < 16; length++) {
        code = (code + lengthCount[length - 1]) << 1;
        next[length] = code;
    }
    for (unsigned symbol = 0; symbol < count; symbol++) {
        unsigned length = lengths[symbol];
        if (length == 0) { codes[symbol] = 0; continue; }
        unsigned value = next[length]++, reversed = 0;
        for (unsigned bit = 0; bit < length; bit++) reversed |= ((value >> bit) & 1) << (length - 1 - bit);
        codes[symbol] = (uint16_t)reversed;
    }
}
