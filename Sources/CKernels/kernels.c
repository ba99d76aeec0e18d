#include "CKernels.h"

// One clone per instruction set on x86-64, chosen at load time by the CPU's features (an
// ELF ifunc: Linux; elsewhere one baseline build); the package target compiles this file
// with -ffp-contract=off, so no clone fuses a multiply into an add (FMA rounds once where
// the Swift loops and PyTorch round twice).
#if defined(__x86_64__) && defined(__ELF__)
#define DISPATCHED __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define DISPATCHED
#endif

DISPATCHED
void training_lab_sgd(float *restrict w, const float *restrict g, size_t count, float rate, float weight_decay) {
    for (size_t i = 0; i < count; i++) {
        w[i] -= rate * (g[i] + weight_decay * w[i]);
    }
}

DISPATCHED
void training_lab_sgd_momentum(float *restrict w, const float *restrict g, float *restrict b, size_t count, float rate,
                               float weight_decay, float momentum, float keep, bool first, bool nesterov) {
    for (size_t i = 0; i < count; i++) {
        float gradient = g[i] + weight_decay * w[i];
        b[i] = first ? gradient : momentum * b[i] + keep * gradient;
        w[i] -= rate * (nesterov ? gradient + momentum * b[i] : b[i]);
    }
}

DISPATCHED
void training_lab_bytes_to_floats(float *restrict to, const uint8_t *restrict from, size_t count, float scale, float shift) {
    for (size_t i = 0; i < count; i++) {
        to[i] = (float)from[i] * scale + shift;
    }
}

DISPATCHED
void training_lab_relu(float *restrict to, const float *restrict from, size_t count) {
    for (size_t i = 0; i < count; i++) {
        to[i] = 0.0f >= from[i] ? 0.0f : from[i];
    }
}

DISPATCHED
void training_lab_relu_backward(float *restrict to, const float *restrict gradient, const float *restrict input,
                                size_t count) {
    for (size_t i = 0; i < count; i++) {
        to[i] = input[i] > 0.0f ? gradient[i] : 0.0f;
    }
}

DISPATCHED
void training_lab_dropout(float *restrict output, float *restrict mask, const float *restrict input, size_t count,
                          float keep, float scale) {
    for (size_t i = 0; i < count; i++) {
        mask[i] = mask[i] < keep ? scale : 0.0f;
        output[i] = input[i] * mask[i];
    }
}

DISPATCHED
void training_lab_multiply(float *restrict to, const float *restrict a, const float *restrict b, size_t count) {
    for (size_t i = 0; i < count; i++) {
        to[i] = a[i] * b[i];
    }
}

DISPATCHED
void training_lab_add_to_rows(float *restrict a, const float *restrict vector, size_t rows, size_t cols) {
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            a[r * cols + c] += vector[c];
        }
    }
}

DISPATCHED
void training_lab_column_sums(float *restrict sums, const float *restrict a, size_t rows, size_t cols) {
    for (size_t c = 0; c < cols; c++) {
        sums[c] = 0.0f;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            sums[c] += a[r * cols + c];
        }
    }
}
