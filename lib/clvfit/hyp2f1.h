/* lib/clvfit/hyp2f1.h - the Gauss hypergeometric function 2F1 (BG/NBD, Pareto/NBD). */
#ifndef CXM_HYP2F1_H
#define CXM_HYP2F1_H

/**
 * 2F1(a, b; c; z) for real arguments with z < 1 and c not a non-positive
 * integer; NaN where it cannot be evaluated to full precision.
 */
double cxm__hyp2f1(double a, double b, double c, double z);

#endif
