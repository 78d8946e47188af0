#include "kho_deflate.h"
#include "huffman.h"

#include <stdlib.h>
#include <string.h>

#define WINDOW_SIZE 32768
#define WINDOW_MASK (WINDOW_SIZE - 1)
#define MIN_MATCH 3
#define MAX_MATCH 258
/* Chunks with less to hash than this key their chains on four bytes (see hash5). */
#define SMALL_CHUNK 65536
/* At most; a small chunk gets smaller tables, so setting them up does not cost more than compressing. */
#define HASH5_BITS 16
#define HASH4_BITS 15
#define HASH3_BITS 14
#define MIN_HASH_BITS 8
/* A length-3 match further back than this costs more bits than its three literals. */
#define FAR_FOR_THREE 4096
/* Symbols per block: zlib's buffer at its default memory level, so blocks adapt as often. */
#define BLOCK_ITEMS 16384
#define LITLEN_SYMBOLS 286
#define DIST_SYMBOLS 30
#define CODE_LENGTH_SYMBOLS 19
#define END_OF_BLOCK 256
/* Positions before the data: far enough back that every distance check fails. */
#define NO_POSITION (-2 * WINDOW_SIZE)

/* Per level: a match this long or longer is taken without a lazy look at the next byte (0 means
 * greedy matching); the search gives up at `nice`; at most `chain` candidates are compared, half
 * as many in the lazy look and a quarter when the match to beat there is already `good`; greedy
 * levels skip hashing the inside of matches longer than `insert`. */
typedef struct {
    unsigned lazy, good, nice, chain, insert;
} level_parameters;

static const level_parameters levels[10] = {
    {0, 0, 0, 0, 0},
    {0, 4, 16, 4, 8},
    {0, 4, 24, 8, 16},
    {0, 8, 32, 16, 32},
    {8, 8, 64, 16, 0},
    {16, 16, 128, 32, 0},
    /* 56 candidates, not zlib's 128: on the bundles' CSV it still ends 4 % smaller than zlib -6,
     * and 4 % faster than 64 for 0.1 % of size; at 48 small XML exports end 1 % over zlib. */
    {16, 16, 128, 56, 0},
    {32, 8, 128, 256, 0},
    {128, 32, 258, 1024, 0},
    {258, 32, 258, 4096, 0},
};

/* RFC 1951 3.2.5: the first length of each length symbol (257...285) and its extra bits. */
static const uint16_t length_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                         35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                         3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                       7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/* The order in which the code-length code's lengths are sent (RFC 1951 3.2.7). */
static const uint8_t code_length_order[CODE_LENGTH_SYMBOLS] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

struct kho_deflater {
    level_parameters parameters;
    uint8_t length_symbol[MAX_MATCH + 1]; /* match length → index into length_base */
    uint8_t static_litlen[288], static_dist[DIST_SYMBOLS];
    uint16_t static_litlen_codes[288], static_dist_codes[DIST_SYMBOLS];

    int32_t head5[1 << HASH5_BITS];
    int32_t head4[1 << HASH4_BITS];
    int32_t head3[1 << HASH3_BITS];
    unsigned hash5_shift, hash4_shift, hash3_shift; /* 64, 32 and 32 minus the bits in use for this chunk */
    uint64_t chain_key_mask; /* the bytes the chains are keyed on: five, or four in a small chunk */
    int32_t previous[WINDOW_SIZE];
    int32_t next_insert;

    /* The pending block: literals (< 256) and matches (length << 16 | distance). */
    uint32_t items[BLOCK_ITEMS];
    unsigned item_count;
    uint32_t litlen_frequency[LITLEN_SYMBOLS];
    uint32_t dist_frequency[DIST_SYMBOLS];

    uint64_t bits;
    unsigned bit_count;
    uint8_t *out;
};

kho_deflater *kho_deflater_new(int level) {
    if (level < 1 || level > 9) return NULL;
    kho_deflater *d = malloc(sizeof *d);
    if (d == NULL) return NULL;
    d->parameters = levels[level];
    for (unsigned symbol = 0; symbol < 29; symbol++) {
        unsigned last = symbol == 28 ? MAX_MATCH : length_base[symbol + 1] - 1u;
        for (unsigned length = length_base[symbol]; length <= last; length++) d->length_symbol[length] = (uint8_t)symbol;
    }
    /* 258 has a symbol of its own; 227...257 share symbol 27. */
    d->length_symbol[MAX_MATCH] = 28;
    /* The fixed codes of RFC 1951 3.2.6. */
    for (unsigned s = 0; s < 288; s++) d->static_litlen[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    for (unsigned s = 0; s < DIST_SYMBOLS; s++) d->static_dist[s] = 5;
    kho_huffman_codes(d->static_litlen, 288, d->static_litlen_codes);
    kho_huffman_codes(d->static_dist, DIST_SYMBOLS, d->static_dist_codes);
    return d;
}

void kho_deflater_free(kho_deflater *deflater) { free(deflater); }

size_t kho_deflate_bound(size_t length) {
    /* Every block may fall back to stored (5 bytes per 65535 plus alignment), blocks hold at
     * least BLOCK_ITEMS input bytes but the last, and a non-final chunk may end with an empty
     * stored block: well under 1/1024 of the input plus a constant. */
    return length + length / 1024 + 64;
}

/* MARK: - Bits */

static inline void put_bits(kho_deflater *d, uint32_t value, unsigned count) {
    d->bits |= (uint64_t)value << d->bit_count;
    d->bit_count += count;
    if (d->bit_count >= 32) {
        uint32_t word = (uint32_t)d->bits;
        memcpy(d->out, &word, 4); /* little-endian hosts only: x86-64 and arm64 */
        d->out += 4;
        d->bits >>= 32;
        d->bit_count -= 32;
    }
}

/* Writes out the bits held, padding the last byte with zeros. */
static void align_to_byte(kho_deflater *d) {
    while (d->bit_count > 0) {
        *d->out++ = (uint8_t)d->bits;
        d->bits >>= 8;
        d->bit_count = d->bit_count > 8 ? d->bit_count - 8 : 0;
    }
    d->bits = 0;
}

/* MARK: - Matching */

static inline uint32_t load32(const uint8_t *p) {
    uint32_t value;
    memcpy(&value, p, 4);
    return value;
}

/* The chains key five bytes, not four: CSV repeats four-byte pieces (",Thô", "2024") so often that
 * their chains ran full of candidates matching four bytes and no more; keyed on five, the same
 * number of candidates finds longer matches, and the search is shorter (on 40 MB of a bundle table
 * 10 % faster and 0.4 % smaller). A small file has few candidates to skip and needs its four-byte
 * matches from further back than the last one (head4): there the chains key four. */
static inline uint32_t hash5(const kho_deflater *d, const uint8_t *p) {
    uint64_t key;
    memcpy(&key, p, 8);
    key &= d->chain_key_mask;
    return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> d->hash5_shift);
}
static inline uint32_t hash4(const kho_deflater *d, uint32_t word) { return (word * 0x9E3779B1u) >> d->hash4_shift; }
static inline uint32_t hash3(const kho_deflater *d, uint32_t word) { return ((word << 8) * 0x9E3779B1u) >> d->hash3_shift; }

/* Bytes in common at a and b, up to limit. */
static inline unsigned common_length(const uint8_t *a, const uint8_t *b, unsigned limit) {
    unsigned length = 0;
    while (length + 8 <= limit) {
        uint64_t x, y;
        memcpy(&x, a + length, 8);
        memcpy(&y, b + length, 8);
        if (x != y) return length + (unsigned)(__builtin_ctzll(x ^ y) >> 3);
        length += 8;
    }
    while (length < limit && a[length] == b[length]) length++;
    return length;
}

/* Hashes every position from next_insert up to, not including, `position`, into the five-byte
 * chains only: a three-byte match is worth taking at a literal, where match_at hashes it, and
 * leaving the insides of matches out of that table made the bundles' CSV smaller, and faster. */
static inline void insert_before(kho_deflater *d, const uint8_t *data, int32_t position) {
    for (int32_t p = d->next_insert; p < position; p++) {
        uint32_t h = hash5(d, data + p);
        d->previous[p & WINDOW_MASK] = d->head5[h];
        d->head5[h] = p;
    }
    if (position > d->next_insert) d->next_insert = position;
}

/* Hashes `position` (the one after everything hashed so far, with eight bytes from it) and returns
 * the longest match there longer than `best` (0 if none), with its distance. The five-byte chain
 * is followed for `chain` candidates; a three-byte match comes from the last position with the
 * same three bytes, if near. */
static inline unsigned match_at(kho_deflater *d, const uint8_t *data, int32_t position, int32_t end,
                                unsigned best, unsigned chain, unsigned *distance) {
    const uint8_t *here = data + position;
    uint32_t first = load32(here);
    uint32_t h5 = hash5(d, here), h4 = hash4(d, first), h3 = hash3(d, first);
    int32_t candidate = d->head5[h5];
    int32_t candidate4 = d->head4[h4];
    int32_t candidate3 = d->head3[h3];
    d->previous[position & WINDOW_MASK] = candidate;
    d->head5[h5] = position;
    d->head4[h4] = position;
    d->head3[h3] = position;
    d->next_insert = position + 1;

    unsigned limit = (unsigned)(end - position) < MAX_MATCH ? (unsigned)(end - position) : MAX_MATCH;
    unsigned nice = d->parameters.nice < limit ? d->parameters.nice : limit;
    int32_t oldest = position - WINDOW_SIZE; /* a candidate must come after this */
    unsigned found = 0;
    if (best >= limit) return 0;
    /* The four bytes ending where a longer match must reach: one load rejects most candidates. */
    unsigned probe = best < 4 ? 0 : best - 3;
    while (candidate > oldest && chain-- > 0) {
        const uint8_t *there = data + candidate;
        if (load32(there + probe) == load32(here + probe) && load32(there) == first) {
            unsigned length = 4 + common_length(there + 4, here + 4, limit - 4);
            if (length > best) {
                best = length;
                probe = best < 4 ? 0 : best - 3;
                found = length;
                *distance = (unsigned)(position - candidate);
                if (length >= nice) return found;
            }
        }
        candidate = d->previous[candidate & WINDOW_MASK];
    }
    /* Four bytes the five-byte chains cannot see: from the last position with the same four. */
    if (best < 4 && candidate4 > oldest && load32(data + candidate4) == first) {
        best = 4 + common_length(data + candidate4 + 4, here + 4, limit - 4);
        found = best;
        *distance = (unsigned)(position - candidate4);
    }
    if (best < MIN_MATCH && candidate3 > oldest && position - candidate3 <= FAR_FOR_THREE) {
        const uint8_t *there = data + candidate3;
        if (there[0] == here[0] && there[1] == here[1] && there[2] == here[2]) {
            found = 3;
            *distance = (unsigned)(position - candidate3);
        }
    }
    return found;
}

/* MARK: - Blocks */

static inline unsigned dist_symbol(unsigned distance) {
    unsigned x = distance - 1;
    if (x < 4) return x;
    unsigned log = 31u - (unsigned)__builtin_clz(x);
    return 2 * log + ((x >> (log - 1)) & 1);
}

static inline void record_literal(kho_deflater *d, uint8_t byte) {
    d->items[d->item_count++] = byte;
    d->litlen_frequency[byte]++;
}

static inline void record_match(kho_deflater *d, unsigned length, unsigned distance) {
    d->items[d->item_count++] = (uint32_t)length << 16 | distance;
    d->litlen_frequency[257 + d->length_symbol[length]]++;
    d->dist_frequency[dist_symbol(distance)]++;
}

/* Bits for the block's items and end-of-block under the given code lengths, extra bits included. */
static uint64_t data_bits(const kho_deflater *d, const uint8_t *litlen_lengths, const uint8_t *dist_lengths) {
    uint64_t bits = 0;
    for (unsigned symbol = 0; symbol < LITLEN_SYMBOLS; symbol++) bits += (uint64_t)d->litlen_frequency[symbol] * litlen_lengths[symbol];
    for (unsigned symbol = 0; symbol < 29; symbol++) bits += (uint64_t)d->litlen_frequency[257 + symbol] * length_extra[symbol];
    for (unsigned symbol = 0; symbol < DIST_SYMBOLS; symbol++) {
        bits += (uint64_t)d->dist_frequency[symbol] * (dist_lengths[symbol] + dist_extra[symbol]);
    }
    return bits;
}

/* The dynamic header's code-length sequence, run-length coded with symbols 16, 17 and 18. */
typedef struct {
    uint8_t symbols[LITLEN_SYMBOLS + DIST_SYMBOLS];
    uint8_t extras[LITLEN_SYMBOLS + DIST_SYMBOLS];
    unsigned count;
    unsigned litlen_count, dist_count, code_length_count;
    uint32_t frequency[CODE_LENGTH_SYMBOLS];
    uint8_t lengths[CODE_LENGTH_SYMBOLS];
    uint16_t codes[CODE_LENGTH_SYMBOLS];
} dynamic_header;

static uint64_t plan_header(dynamic_header *h, const uint8_t *litlen_lengths, const uint8_t *dist_lengths) {
    uint8_t all[LITLEN_SYMBOLS + DIST_SYMBOLS];
    h->litlen_count = LITLEN_SYMBOLS;
    while (h->litlen_count > 257 && litlen_lengths[h->litlen_count - 1] == 0) h->litlen_count--;
    h->dist_count = DIST_SYMBOLS;
    while (h->dist_count > 1 && dist_lengths[h->dist_count - 1] == 0) h->dist_count--;
    memcpy(all, litlen_lengths, h->litlen_count);
    memcpy(all + h->litlen_count, dist_lengths, h->dist_count);
    unsigned total = h->litlen_count + h->dist_count;

    memset(h->frequency, 0, sizeof h->frequency);
    h->count = 0;
    for (unsigned i = 0; i < total;) {
        uint8_t length = all[i];
        unsigned run = 1;
        while (i + run < total && all[i + run] == length) run++;
        if (length == 0 && run >= 3) {
            unsigned take = run > 138 ? 138 : run;
            h->symbols[h->count] = take >= 11 ? 18 : 17;
            h->extras[h->count++] = (uint8_t)(take >= 11 ? take - 11 : take - 3);
            h->frequency[take >= 11 ? 18 : 17]++;
            i += take;
        } else if (length != 0 && run >= 4) {
            /* The length once, then repeats of it, 3 to 6 at a time. */
            h->symbols[h->count] = length;
            h->extras[h->count++] = 0;
            h->frequency[length]++;
            unsigned take = run - 1 > 6 ? 6 : run - 1;
            h->symbols[h->count] = 16;
            h->extras[h->count++] = (uint8_t)(take - 3);
            h->frequency[16]++;
            i += 1 + take;
        } else {
            h->symbols[h->count] = length;
            h->extras[h->count++] = 0;
            h->frequency[length]++;
            i++;
        }
    }
    kho_huffman_lengths(h->frequency, CODE_LENGTH_SYMBOLS, 7, h->lengths);
    kho_huffman_codes(h->lengths, CODE_LENGTH_SYMBOLS, h->codes);
    h->code_length_count = CODE_LENGTH_SYMBOLS;
    while (h->code_length_count > 4 && h->lengths[code_length_order[h->code_length_count - 1]] == 0) h->code_length_count--;

    uint64_t bits = 5 + 5 + 4 + 3 * (uint64_t)h->code_length_count;
    for (unsigned symbol = 0; symbol < CODE_LENGTH_SYMBOLS; symbol++) bits += (uint64_t)h->frequency[symbol] * h->lengths[symbol];
    bits += 2 * (uint64_t)h->frequency[16] + 3 * (uint64_t)h->frequency[17] + 7 * (uint64_t)h->frequency[18];
    return bits;
}

static void write_items(kho_deflater *d, const uint8_t *litlen_lengths, const uint16_t *litlen_codes,
                        const uint8_t *dist_lengths, const uint16_t *dist_codes) {
    for (unsigned i = 0; i < d->item_count; i++) {
        uint32_t item = d->items[i];
        if (item < 256) {
            put_bits(d, litlen_codes[item], litlen_lengths[item]);
            continue;
        }
        unsigned length = item >> 16, distance = item & 0xFFFF;
        unsigned symbol = d->length_symbol[length];
        put_bits(d, litlen_codes[257 + symbol], litlen_lengths[257 + symbol]);
        put_bits(d, length - length_base[symbol], length_extra[symbol]);
        unsigned dsym = dist_symbol(distance);
        put_bits(d, dist_codes[dsym], dist_lengths[dsym]);
        put_bits(d, distance - dist_base[dsym], dist_extra[dsym]);
    }
    put_bits(d, litlen_codes[END_OF_BLOCK], litlen_lengths[END_OF_BLOCK]);
}

/* Bits to store `size` bytes as stored blocks from the current bit position. */
static uint64_t stored_bits(unsigned bit_count, size_t size) {
    size_t pieces = size == 0 ? 1 : (size + 65534) / 65535;
    uint64_t first_pad = (8 - (bit_count + 3) % 8) % 8;
    return pieces * (3 + 32) + first_pad + (pieces - 1) * 5 + 8 * (uint64_t)size;
}

static void write_stored(kho_deflater *d, const uint8_t *bytes, size_t size, int final) {
    do {
        size_t piece = size > 65535 ? 65535 : size;
        put_bits(d, (final && piece == size) ? 1 : 0, 3);
        align_to_byte(d);
        d->out[0] = (uint8_t)piece;
        d->out[1] = (uint8_t)(piece >> 8);
        d->out[2] = (uint8_t)~piece;
        d->out[3] = (uint8_t)(~piece >> 8);
        memcpy(d->out + 4, bytes, piece);
        d->out += 4 + piece;
        bytes += piece;
        size -= piece;
    } while (size > 0);
}

/* Writes the pending items as whichever block is smallest: dynamic, static or stored. */
static void flush_block(kho_deflater *d, const uint8_t *raw, size_t raw_size, int final) {
    d->litlen_frequency[END_OF_BLOCK] = 1;
    uint8_t litlen_lengths[LITLEN_SYMBOLS], dist_lengths[DIST_SYMBOLS];
    uint16_t litlen_codes[LITLEN_SYMBOLS], dist_codes[DIST_SYMBOLS];
    kho_huffman_lengths(d->litlen_frequency, LITLEN_SYMBOLS, 15, litlen_lengths);
    kho_huffman_lengths(d->dist_frequency, DIST_SYMBOLS, 15, dist_lengths);
    dynamic_header header;
    uint64_t dynamic = 3 + plan_header(&header, litlen_lengths, dist_lengths) + data_bits(d, litlen_lengths, dist_lengths);
    uint64_t fixed = 3 + data_bits(d, d->static_litlen, d->static_dist);
    uint64_t stored = stored_bits(d->bit_count, raw_size);

    if (stored <= fixed && stored <= dynamic) {
        write_stored(d, raw, raw_size, final);
    } else if (fixed <= dynamic) {
        put_bits(d, final ? 3 : 2, 3); /* BFINAL, then BTYPE 01 */
        write_items(d, d->static_litlen, d->static_litlen_codes, d->static_dist, d->static_dist_codes);
    } else {
        kho_huffman_codes(litlen_lengths, LITLEN_SYMBOLS, litlen_codes);
        kho_huffman_codes(dist_lengths, DIST_SYMBOLS, dist_codes);
        put_bits(d, final ? 5 : 4, 3); /* BFINAL, then BTYPE 10 */
        put_bits(d, header.litlen_count - 257, 5);
        put_bits(d, header.dist_count - 1, 5);
        put_bits(d, header.code_length_count - 4, 4);
        for (unsigned i = 0; i < header.code_length_count; i++) put_bits(d, header.lengths[code_length_order[i]], 3);
        for (unsigned i = 0; i < header.count; i++) {
            unsigned symbol = header.symbols[i];
            put_bits(d, header.codes[symbol], header.lengths[symbol]);
            if (symbol >= 16) put_bits(d, header.extras[i], symbol == 16 ? 2 : symbol == 17 ? 3 : 7);
        }
        write_items(d, litlen_lengths, litlen_codes, dist_lengths, dist_codes);
    }
    d->item_count = 0;
    memset(d->litlen_frequency, 0, sizeof d->litlen_frequency);
    memset(d->dist_frequency, 0, sizeof d->dist_frequency);
}

/* MARK: - Chunks */

ptrdiff_t kho_deflate_chunk(kho_deflater *d, const uint8_t *data, size_t start, size_t length,
                            int final, uint8_t *out, size_t capacity) {
    if (start > length || length >= (1u << 30) || capacity < kho_deflate_bound(length - start)) return -1;
    const level_parameters p = d->parameters;
    size_t hashed = length - (start > WINDOW_SIZE ? start - WINDOW_SIZE : 0);
    unsigned bits = MIN_HASH_BITS;
    while (bits < HASH5_BITS && ((size_t)1 << bits) < hashed) bits++;
    unsigned bits4 = bits - 1 < MIN_HASH_BITS ? MIN_HASH_BITS : bits - 1 > HASH4_BITS ? HASH4_BITS : bits - 1;
    unsigned bits3 = bits - 2 < MIN_HASH_BITS ? MIN_HASH_BITS : bits - 2 > HASH3_BITS ? HASH3_BITS : bits - 2;
    d->hash5_shift = 64 - bits;
    d->chain_key_mask = hashed < SMALL_CHUNK ? 0xFFFFFFFFull : 0xFFFFFFFFFFull;
    d->hash4_shift = 32 - bits4;
    d->hash3_shift = 32 - bits3;
    for (size_t i = 0; i < ((size_t)1 << bits); i++) d->head5[i] = NO_POSITION;
    for (size_t i = 0; i < ((size_t)1 << bits4); i++) d->head4[i] = NO_POSITION;
    for (size_t i = 0; i < ((size_t)1 << bits3); i++) d->head3[i] = NO_POSITION;
    d->item_count = 0;
    memset(d->litlen_frequency, 0, sizeof d->litlen_frequency);
    memset(d->dist_frequency, 0, sizeof d->dist_frequency);
    d->bits = 0;
    d->bit_count = 0;
    d->out = out;

    const int32_t end = (int32_t)length;
    /* Positions from which eight bytes can be read (hash5 loads a word): the rest are literals. */
    const int32_t last_searchable = end - 8;
    int32_t position = (int32_t)start;
    d->next_insert = position > WINDOW_SIZE ? position - WINDOW_SIZE : 0;
    if (position > 0) insert_before(d, data, position < last_searchable + 1 ? position : last_searchable + 1);
    d->next_insert = position;
    int32_t block_start = position;

    while (position < end) {
        if (d->item_count >= BLOCK_ITEMS - 2) {
            flush_block(d, data + block_start, (size_t)(position - block_start), 0);
            block_start = position;
        }
        if (position > last_searchable) {
            record_literal(d, data[position++]);
            continue;
        }
        insert_before(d, data, position);
        unsigned distance = 0;
        unsigned length_found = match_at(d, data, position, end, MIN_MATCH - 1, p.chain, &distance);
        if (length_found < MIN_MATCH) {
            record_literal(d, data[position++]);
            continue;
        }
        if (p.lazy == 0) {
            record_match(d, length_found, distance);
            if (length_found > p.insert) d->next_insert = position + (int32_t)length_found;
            position += (int32_t)length_found;
            continue;
        }
        /* Lazy: while the next position has a longer match, the current byte goes as a literal. */
        while (length_found < p.lazy && position + 1 <= last_searchable && d->item_count < BLOCK_ITEMS - 2) {
            unsigned next_distance = 0;
            /* Half the chain: on CSV it buys 5-7 % of speed for 0.2 % of size. */
            unsigned chain = length_found >= p.good ? p.chain >> 2 : p.chain >> 1;
            unsigned next = match_at(d, data, position + 1, end, length_found, chain, &next_distance);
            if (next <= length_found) break;
            record_literal(d, data[position++]);
            length_found = next;
            distance = next_distance;
        }
        record_match(d, length_found, distance);
        position += (int32_t)length_found;
    }
    /* A non-final chunk with nothing in it writes nothing; a final one still needs its last block. */
    if (final || position > block_start) flush_block(d, data + block_start, (size_t)(position - block_start), final);
    if (!final && d->bit_count % 8 != 0) {
        /* An empty stored block brings the chunk to a byte boundary, as zlib's full flush does. */
        put_bits(d, 0, 3);
        align_to_byte(d);
        memcpy(d->out, "\x00\x00\xff\xff", 4);
        d->out += 4;
    }
    align_to_byte(d);
    return d->out - out;
}
