#include "CKernels.h"

#include <math.h>

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

DISPATCHED
void training_lab_add_bias_relu(float *restrict a, const float *restrict bias, size_t rows, size_t cols) {
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            float sum = a[r * cols + c] + bias[c];
            a[r * cols + c] = 0.0f >= sum ? 0.0f : sum;
        }
    }
}

DISPATCHED
void training_lab_relu_backward_column_sums(float *restrict to, float *restrict sums, const float *restrict gradient,
                                            const float *restrict output, size_t rows, size_t cols) {
    for (size_t c = 0; c < cols; c++) {
        sums[c] = 0.0f;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            float passed = output[r * cols + c] > 0.0f ? gradient[r * cols + c] : 0.0f;
            to[r * cols + c] = passed;
            sums[c] += passed;
        }
    }
}

static inline float training_lab_pixel(const float *image, int width, int height, int x, int y, float background) {
    return x >= 0 && x < width && y >= 0 && y < height ? image[y * width + x] : background;
}

DISPATCHED
void training_lab_transform_image(float *restrict output, const float *restrict image, int width, int height,
                                  float cosine, float sine, int shift_x, int shift_y, bool flip, float background) {
    float center_x = (float)(width - 1) / 2, center_y = (float)(height - 1) / 2;
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            // Undo the shift, then the rotation, then the flip.
            float dx = (float)(x - shift_x) - center_x;
            float dy = (float)(y - shift_y) - center_y;
            float source_x = cosine * dx + sine * dy + center_x;
            float source_y = -sine * dx + cosine * dy + center_y;
            if (flip) {
                source_x = (float)(width - 1) - source_x;
            }
            // Bilinear interpolation between the four pixels around the source point.
            int x0 = (int)floorf(source_x), y0 = (int)floorf(source_y);
            float fx = source_x - (float)x0, fy = source_y - (float)y0;
            float top = training_lab_pixel(image, width, height, x0, y0, background) * (1 - fx) +
                        training_lab_pixel(image, width, height, x0 + 1, y0, background) * fx;
            float bottom = training_lab_pixel(image, width, height, x0, y0 + 1, background) * (1 - fx) +
                           training_lab_pixel(image, width, height, x0 + 1, y0 + 1, background) * fx;
            output[y * width + x] = top * (1 - fy) + bottom * fy;
        }
    }
}

// The adaptive optimizers' per-weight updates. Each variant that changes the loop's shape
// (AMSGrad, a centred or momentum RMSprop) is its own loop, so that every loop vectorizes;
// the operations and their order are those of the Swift loops in Sources/Engine/Optimizers.

DISPATCHED
void training_lab_adam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                       float *restrict largest, size_t count, float decay, float coupled_decay, float keep1,
                       float new1, float keep2, float new2, float step_size, float root_correction2, float epsilon) {
    if (largest) {
        for (size_t i = 0; i < count; i++) {
            w[i] *= decay;
            float gradient = g[i] + coupled_decay * w[i];
            m[i] = keep1 * m[i] + new1 * gradient;
            v[i] = keep2 * v[i] + new2 * gradient * gradient;
            largest[i] = v[i] >= largest[i] ? v[i] : largest[i];
            w[i] -= step_size * m[i] / (sqrtf(largest[i]) / root_correction2 + epsilon);
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            w[i] *= decay;
            float gradient = g[i] + coupled_decay * w[i];
            m[i] = keep1 * m[i] + new1 * gradient;
            v[i] = keep2 * v[i] + new2 * gradient * gradient;
            w[i] -= step_size * m[i] / (sqrtf(v[i]) / root_correction2 + epsilon);
        }
    }
}

DISPATCHED
void training_lab_nadam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, size_t count,
                        float weight_decay, float keep1, float new1, float keep2, float new2, float correction2,
                        float epsilon, float gradient_scale, float momentum_scale) {
    for (size_t i = 0; i < count; i++) {
        float gradient = g[i] + weight_decay * w[i];
        m[i] = keep1 * m[i] + new1 * gradient;
        v[i] = keep2 * v[i] + new2 * gradient * gradient;
        float denominator = sqrtf(v[i] / correction2) + epsilon;
        w[i] -= gradient_scale * gradient / denominator + momentum_scale * m[i] / denominator;
    }
}

DISPATCHED
void training_lab_adagrad(float *restrict w, const float *restrict g, float *restrict s, size_t count, float rate,
                          float weight_decay, float epsilon) {
    for (size_t i = 0; i < count; i++) {
        float gradient = g[i] + weight_decay * w[i];
        s[i] += gradient * gradient;
        w[i] -= rate * gradient / (sqrtf(s[i]) + epsilon);
    }
}

DISPATCHED
void training_lab_rmsprop(float *restrict w, const float *restrict g, float *restrict square, float *restrict mean,
                          float *restrict buffer, size_t count, float rate, float weight_decay, float keep, float new,
                          float epsilon, float momentum) {
    if (mean && buffer) {
        for (size_t i = 0; i < count; i++) {
            float gradient = g[i] + weight_decay * w[i];
            square[i] = keep * square[i] + new * gradient * gradient;
            mean[i] = keep * mean[i] + new * gradient;
            float denominator = sqrtf(square[i] - mean[i] * mean[i]) + epsilon;
            buffer[i] = momentum * buffer[i] + gradient / denominator;
            w[i] -= rate * buffer[i];
        }
    } else if (mean) {
        for (size_t i = 0; i < count; i++) {
            float gradient = g[i] + weight_decay * w[i];
            square[i] = keep * square[i] + new * gradient * gradient;
            mean[i] = keep * mean[i] + new * gradient;
            float denominator = sqrtf(square[i] - mean[i] * mean[i]) + epsilon;
            w[i] -= rate * gradient / denominator;
        }
    } else if (buffer) {
        for (size_t i = 0; i < count; i++) {
            float gradient = g[i] + weight_decay * w[i];
            square[i] = keep * square[i] + new * gradient * gradient;
            buffer[i] = momentum * buffer[i] + gradient / (sqrtf(square[i]) + epsilon);
            w[i] -= rate * buffer[i];
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            float gradient = g[i] + weight_decay * w[i];
            square[i] = keep * square[i] + new * gradient * gradient;
            w[i] -= rate * gradient / (sqrtf(square[i]) + epsilon);
        }
    }
}

DISPATCHED
void training_lab_adadelta(float *restrict w, const float *restrict g, float *restrict square,
                           float *restrict updates, size_t count, float rate, float weight_decay, float keep,
                           float new, float epsilon) {
    for (size_t i = 0; i < count; i++) {
        float gradient = g[i] + weight_decay * w[i];
        square[i] = keep * square[i] + new * gradient * gradient;
        float delta = sqrtf(updates[i] + epsilon) / sqrtf(square[i] + epsilon) * gradient;
        updates[i] = keep * updates[i] + new * delta * delta;
        w[i] -= rate * delta;
    }
}

// Batch normalization over a rows × cols batch, row by row, each column its own accumulator
// in row order (so the vectors run across columns and every sum keeps its order).

DISPATCHED
void training_lab_batchnorm_statistics(float *restrict mean, float *restrict variance, const float *restrict x,
                                       size_t rows, size_t cols) {
    for (size_t c = 0; c < cols; c++) {
        mean[c] = 0;
        variance[c] = 0;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) mean[c] += x[r * cols + c];
    }
    for (size_t c = 0; c < cols; c++) mean[c] /= (float)rows;
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            float d = x[r * cols + c] - mean[c];
            variance[c] += d * d;
        }
    }
    for (size_t c = 0; c < cols; c++) variance[c] /= (float)rows;
}

DISPATCHED
void training_lab_batchnorm_forward(float *restrict normalized, float *restrict output, const float *restrict x,
                                    const float *restrict mean, const float *restrict inverse_std,
                                    const float *restrict gamma, const float *restrict beta, size_t rows,
                                    size_t cols) {
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            size_t i = r * cols + c;
            normalized[i] = (x[i] - mean[c]) * inverse_std[c];
            output[i] = gamma[c] * normalized[i] + beta[c];
        }
    }
}

DISPATCHED
void training_lab_batchnorm_backward(float *restrict input_gradient, float *restrict gradient_sums,
                                     float *restrict gradient_normalized_sums, const float *restrict gradient,
                                     const float *restrict normalized, const float *restrict scale, size_t rows,
                                     size_t cols, bool training) {
    for (size_t c = 0; c < cols; c++) {
        gradient_sums[c] = 0;
        gradient_normalized_sums[c] = 0;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            gradient_sums[c] += gradient[r * cols + c];
            gradient_normalized_sums[c] += gradient[r * cols + c] * normalized[r * cols + c];
        }
    }
    float n = (float)rows;
    if (training) {
        for (size_t r = 0; r < rows; r++) {
            for (size_t c = 0; c < cols; c++) {
                size_t i = r * cols + c;
                input_gradient[i] = scale[c] * (gradient[i] - gradient_sums[c] / n -
                                                normalized[i] * gradient_normalized_sums[c] / n);
            }
        }
    } else {
        for (size_t r = 0; r < rows; r++) {
            for (size_t c = 0; c < cols; c++) input_gradient[r * cols + c] = scale[c] * gradient[r * cols + c];
        }
    }
}
