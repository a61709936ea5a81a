/*
 * lib/clvmodel/hyp2f1.h - the Gauss hypergeometric function 2F1(a, b; c; z) for
 * real a, b, c and real z < 1 (BG/NBD and Pareto/NBD expressions).
 *
 * Accuracy: a few units in the last place of the largest term summed, which is
 * full relative precision wherever the terms do not cancel (a, b, c > 0, the
 * cases the CLV models meet); checked against mpmath in test_clvmodel_pnbd.c.
 * Thread safety: pure.
 */
#ifndef CXM_HYP2F1_H
#define CXM_HYP2F1_H

/**
 * 2F1(a, b; c; z) for z < 1. NaN for z >= 1, a NaN argument, c a non-positive
 * integer (unless the series stops first), or when the sum does not converge
 * within its term limit (extremely large parameters); +-inf on overflow.
 */
double cxm__hyp2f1(double a, double b, double c, double z);

/**
 * The same, with 1 - z given as well: near z = 1 the caller often knows 1 - z
 * to full relative precision (t / (alpha + t) has complement alpha / (alpha + t))
 * while 1 - z computed from a rounded z keeps only log10(1 / (1 - z)) fewer
 * digits. one_minus_z must be 1 - z up to rounding.
 */
double cxm__hyp2f1_1mz(double a, double b, double c, double z, double one_minus_z);

#endif
