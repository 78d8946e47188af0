#ifndef KHO_SHA256_H
#define KHO_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 block compression with the x86 SHA extensions (SHA-NI), written from the instructions'
 * documented semantics. The padding and the fallback live in Swift (KhoCore/Files/SHA256.swift). */

/* 1 when this CPU has the SHA extensions with SSSE3 and SSE4.1 (cpuid), else 0; always 0 off x86-64. */
int kho_sha256_hardware_supported(void);

/* Runs `count` 64-byte blocks through the state (a, b, c, d, e, f, g, h). Only call when
 * kho_sha256_hardware_supported() returned 1. */
void kho_sha256_hardware_blocks(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
