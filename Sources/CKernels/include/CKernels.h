#ifndef TRAINING_LAB_KERNELS_H
#define TRAINING_LAB_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The engine's hottest loops outside BLAS, compiled once per instruction set (AVX-512,
/// AVX2, baseline x86-64; plain C elsewhere) and picked when the program loads. Every one
/// computes exactly what the Swift loop it replaces computed, operation by operation and
/// rounding by rounding (multiplies and adds are never fused into one FMA), so results are
/// bit-identical on every CPU; only the vector width changes.

/// Plain SGD: w ← w − rate·(g + weightDecay·w), as `torch.optim.SGD` without momentum.
void training_lab_sgd(float *w, const float *g, size_t count, float rate, float weight_decay);

/// SGD with momentum buffer b, as `torch.optim.SGD`: d = g + weightDecay·w;
/// b ← d on the first step, else momentum·b + keep·d; w ← w − rate·(d + momentum·b) with
/// Nesterov, else w − rate·b.
void training_lab_sgd_momentum(float *w, const float *g, float *b, size_t count, float rate, float weight_decay,
                               float momentum, float keep, bool first, bool nesterov);

/// One image's pixels as network inputs: to[i] = (float)from[i]·scale + shift.
void training_lab_bytes_to_floats(float *to, const uint8_t *from, size_t count, float scale, float shift);

/// ReLU as Swift's max(x, 0): to[i] = 0 ≥ from[i] ? 0 : from[i] (NaN stays NaN, −0 becomes +0).
void training_lab_relu(float *to, const float *from, size_t count);

/// ReLU's gradient: to[i] = input[i] > 0 ? gradient[i] : 0.
void training_lab_relu_backward(float *to, const float *gradient, const float *input, size_t count);

/// Inverted dropout: mask holds uniform draws on entry and mask[i] = mask[i] < keep ? scale : 0
/// on return; output[i] = input[i]·mask[i].
void training_lab_dropout(float *output, float *mask, const float *input, size_t count, float keep, float scale);

/// to[i] = a[i]·b[i].
void training_lab_multiply(float *to, const float *a, const float *b, size_t count);

/// Adds vector (cols values) to every row of the rows×cols matrix a: a linear layer's bias.
void training_lab_add_to_rows(float *a, const float *vector, size_t rows, size_t cols);

/// sums[c] = Σ_r a[r·cols + c], the rows added in order: a linear layer's bias gradient.
void training_lab_column_sums(float *sums, const float *a, size_t rows, size_t cols);

/// A linear layer's bias and the ReLU after it in one pass over the product a (rows × cols):
/// a[r·cols + c] ← 0 ≥ s ? 0 : s with s = a[r·cols + c] + bias[c], rounded before the ReLU
/// as the two passes did.
void training_lab_add_bias_relu(float *a, const float *bias, size_t rows, size_t cols);

/// ReLU's gradient and the bias gradient of the linear layer before it, in one pass:
/// to[i] = output[i] > 0 ? gradient[i] : 0 (output is the ReLU's output, positive exactly
/// where its input was), and sums[c] = Σ_r to[r·cols + c], the rows added in order.
void training_lab_relu_backward_column_sums(float *to, float *sums, const float *gradient, const float *output,
                                            size_t rows, size_t cols);

/// Data augmentation's inverse mapping of a width×height image: each output pixel undoes the
/// shift, the rotation (given as its cosine and sine) and the flip, and interpolates the
/// source bilinearly; pixels from outside the image are background.
void training_lab_transform_image(float *output, const float *image, int width, int height, float cosine, float sine,
                                  int shift_x, int shift_y, bool flip, float background);

/// Adam and AdamW, as `torch.optim.Adam`/`AdamW`: w ← w·decay (AdamW's decoupled decay, else
/// 1); d = g + coupledDecay·w; m ← keep1·m + new1·d; v ← keep2·v + new2·d·d; with AMSGrad
/// (largest not NULL) largest ← max(largest, v) replaces v in w ← w − stepSize·m/(√v/rootCorrection2 + ε).
void training_lab_adam(float *w, const float *g, float *m, float *v, float *largest, size_t count, float decay,
                       float coupled_decay, float keep1, float new1, float keep2, float new2, float step_size,
                       float root_correction2, float epsilon);

/// NAdam, as `torch.optim.NAdam`: d = g + weightDecay·w; m and v as Adam's;
/// w ← w − (gradientScale·d/q + momentumScale·m/q) with q = √(v/correction2) + ε.
void training_lab_nadam(float *w, const float *g, float *m, float *v, size_t count, float weight_decay, float keep1,
                        float new1, float keep2, float new2, float correction2, float epsilon, float gradient_scale,
                        float momentum_scale);

/// AdaGrad, as `torch.optim.Adagrad`: d = g + weightDecay·w; s ← s + d·d; w ← w − rate·d/(√s + ε).
void training_lab_adagrad(float *w, const float *g, float *s, size_t count, float rate, float weight_decay,
                          float epsilon);

/// RMSprop, as `torch.optim.RMSprop`: d = g + weightDecay·w; square ← keep·square + new·d·d;
/// centred (mean not NULL): mean ← keep·mean + new·d and q = √(square − mean²) + ε, else
/// q = √square + ε; with momentum (buffer not NULL) buffer ← momentum·buffer + d/q and
/// w ← w − rate·buffer, else w ← w − rate·d/q.
void training_lab_rmsprop(float *w, const float *g, float *square, float *mean, float *buffer, size_t count,
                          float rate, float weight_decay, float keep, float new, float epsilon, float momentum);

/// AdaDelta, as `torch.optim.Adadelta`: d = g + weightDecay·w; square ← keep·square + new·d·d;
/// Δ = √(updates + ε)/√(square + ε)·d; updates ← keep·updates + new·Δ·Δ; w ← w − rate·Δ.
void training_lab_adadelta(float *w, const float *g, float *square, float *updates, size_t count, float rate,
                           float weight_decay, float keep, float new, float epsilon);

/// A batch's per-column mean and biased variance (x is rows × cols): mean[c] = Σ_r x / rows,
/// then variance[c] = Σ_r (x − mean[c])² / rows, every sum in row order.
void training_lab_batchnorm_statistics(float *mean, float *variance, const float *x, size_t rows, size_t cols);

/// Batch normalization's forward pass: normalized = (x − mean[c])·inverseStd[c] and
/// output = gamma[c]·normalized + beta[c], element by element.
void training_lab_batchnorm_forward(float *normalized, float *output, const float *x, const float *mean,
                                    const float *inverse_std, const float *gamma, const float *beta, size_t rows,
                                    size_t cols);

/// Batch normalization's backward pass: gradientSums[c] = Σ_r dy (dβ) and
/// gradientNormalizedSums[c] = Σ_r dy·x̂ (dγ), in row order; in training mode
/// dx = scale[c]·(dy − gradientSums[c]/rows − x̂·gradientNormalizedSums[c]/rows), else
/// dx = scale[c]·dy (scale = γ/σ).
void training_lab_batchnorm_backward(float *input_gradient, float *gradient_sums, float *gradient_normalized_sums,
                                     const float *gradient, const float *normalized, const float *scale, size_t rows,
                                     size_t cols, bool training);

#endif
