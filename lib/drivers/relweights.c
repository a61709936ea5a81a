/*
 * lib/drivers/relweights.c - Johnson's (2000) relative weights (spec §19.3).
 *
 * R_xx = V diag(λ) V' (symmetric eigendecomposition); Λ = V diag(√λ) V' is
 * the symmetric square root, the correlations of the drivers X with the
 * orthogonal variables Z = X Λ^-1 closest to them. The outcome's weights on
 * Z are β = Λ^-1 r_xy = V diag(1/√λ) V' r_xy, and Z_k's share of R², β_k²,
 * goes back to the drivers by Λ_jk² (each column of Λ² sums to 1):
 * RW_j = Σ_k Λ_jk² β_k², Σ_j RW_j = Σ_k β_k² = R².
 */
#include <math.h>
#include <string.h>
#include "drivers_internal.h"

/* Cyclic Jacobi rotations (Golub & Van Loan §8.5): accurate to the last
 * bits for the small symmetric positive matrices here. */
void cxm__drv_eigen_sym(double *A, double *lambda, double *V, size_t k)
{
	size_t i, j, r, sweep;
	memset(V, 0, k * k * sizeof *V);
	for (i = 0; i < k; i++)
		V[i * k + i] = 1.0;
	for (sweep = 0; sweep < 100; sweep++) {
		double off = 0.0, diag = 0.0;
		for (i = 0; i < k; i++) {
			diag += A[i * k + i] * A[i * k + i];
			for (j = i + 1; j < k; j++)
				off += A[i * k + j] * A[i * k + j];
		}
		if (off <= 1e-32 * diag || off == 0.0)
			break;
		for (i = 0; i < k; i++) {
			for (j = i + 1; j < k; j++) {
				double aij = A[i * k + j], theta, t, c, s;
				if (aij == 0.0)
					continue;
				theta = (A[j * k + j] - A[i * k + i]) / (2.0 * aij);
				t = (theta >= 0.0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
				c = 1.0 / sqrt(t * t + 1.0);
				s = t * c;
				for (r = 0; r < k; r++) { /* A <- A J (columns i, j) */
					double ari = A[r * k + i], arj = A[r * k + j];
					A[r * k + i] = c * ari - s * arj;
					A[r * k + j] = s * ari + c * arj;
				}
				for (r = 0; r < k; r++) { /* A <- J' A (rows i, j) */
					double air = A[i * k + r], ajr = A[j * k + r];
					A[i * k + r] = c * air - s * ajr;
					A[j * k + r] = s * air + c * ajr;
				}
				for (r = 0; r < k; r++) { /* V <- V J */
					double vri = V[r * k + i], vrj = V[r * k + j];
					V[r * k + i] = c * vri - s * vrj;
					V[r * k + j] = s * vri + c * vrj;
				}
			}
		}
	}
	for (i = 0; i < k; i++)
		lambda[i] = A[i * k + i];
}

size_t cxm__drv_relweights_work(const cxm__drv_design *d)
{
	return 3 * d->q * d->q + 3 * d->q;
}

int cxm__drv_relweights(double *rw, const double *R, const cxm__drv_design *d, double *work)
{
	const size_t q = d->q, m = d->m;
	double *A = work, *V = A + q * q, *Lam = V + q * q, *lambda = Lam + q * q, *tmp = lambda + q, *beta = tmp + q;
	size_t i, j, k;
	for (i = 0; i < q; i++)
		for (j = 0; j < q; j++)
			A[i * q + j] = R[(i + 1) * m + (j + 1)];
	cxm__drv_eigen_sym(A, lambda, V, q);
	for (k = 0; k < q; k++)
		if (!(lambda[k] > 0.0))
			return -1;
	/* Λ = V diag(√λ) V' */
	for (i = 0; i < q; i++)
		for (j = i; j < q; j++) {
			double x = 0.0;
			for (k = 0; k < q; k++)
				x += V[i * q + k] * sqrt(lambda[k]) * V[j * q + k];
			Lam[i * q + j] = Lam[j * q + i] = x;
		}
	/* β = V diag(1/√λ) V' r_xy */
	for (k = 0; k < q; k++) {
		double x = 0.0;
		for (i = 0; i < q; i++)
			x += V[i * q + k] * R[(i + 1) * m];
		tmp[k] = x / sqrt(lambda[k]);
	}
	for (i = 0; i < q; i++) {
		double x = 0.0;
		for (k = 0; k < q; k++)
			x += V[i * q + k] * tmp[k];
		beta[i] = x;
	}
	for (j = 0; j < d->p; j++)
		rw[j] = 0.0;
	for (i = 0; i < q; i++) {
		double e = 0.0;
		for (k = 0; k < q; k++)
			e += Lam[i * q + k] * Lam[i * q + k] * beta[k] * beta[k];
		rw[cxm__drv_player_of(d, i + 1)] += e;
	}
	return 0;
}
