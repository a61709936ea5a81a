/*
 * lib/persona/nmf.h - the factorisation behind cxm_nmf_fit with a thread
 * count, for the files of the persona module (behaviour_personas.c).
 */
#ifndef CXM_PERSONA_NMF_H
#define CXM_PERSONA_NMF_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/persona.h"

/* cxm_nmf_fit on `threads` threads (0: the library's default); the same
 * bits for any thread count. */
int cxm__nmf_fit(double *w, size_t n_w, double *h, size_t n_h, cxm_nmf_info *info, const double *x, size_t n_x,
		 size_t n_cols, size_t k, int method, int init_given, uint64_t seed, unsigned int max_iterations,
		 double tol, unsigned threads);

/* The random start (scikit-learn's init="random" scaling): H (k x m) then W (n x k), each
 * entry sqrt(mean / k) |N(0, 1)|, from the stream (seed, 0). */
void cxm__nmf_random_init(double *w, double *h, size_t n, size_t m, size_t k, double mean, uint64_t seed);

#endif
