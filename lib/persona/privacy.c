/*
 * lib/persona/privacy.c - what a persona may show (spec §15.5): no cell of a
 * distribution, no statistic, from fewer than min_n customers, and nothing
 * withheld recoverable from what is shown, as a sum of the withheld cells of
 * a line (a segment's levels; a level's segments, whose total the
 * population's cell shows) or as the one withheld cell of a line.
 */
#include <math.h>
#include <stdint.h>
#include "profile_internal.h"

/*
 * One line of cells: count[i * cs], flags[i * fs], i < n, cells with skip[i]
 * (skip NULL: none) left out. While the withheld cells add up to more than 0
 * and less than min_n, withhold the smallest shown cell holding customers (ties: the last).
 * Returns 1 when a cell was withheld.
 */
static int line(int *flags, size_t fs, const double *count, size_t cs, const unsigned char *skip, size_t n,
		size_t min_n)
{
	int changed = 0;
	for (;;) {
		double withheld = 0.0;
		size_t i, pick = SIZE_MAX;
		for (i = 0; i < n; i++) {
			double c = count[i * cs];
			if (skip && skip[i])
				continue;
			if (flags[i * fs])
				withheld += c;
			else if (c > 0.0 && (pick == SIZE_MAX || c <= count[pick * cs]))
				pick = i;
		}
		if (!(withheld > 0.0 && withheld < (double)min_n) || pick == SIZE_MAX)
			return changed;
		flags[pick * fs] |= CXM__WITHHELD_SECONDARY;
		changed = 1;
	}
}

double cxm__persona_withhold(cxm__cell *cells, size_t n, size_t min_n)
{
	double total = 0.0;
	size_t i;
	for (i = 0; i < n; i++)
		if (!cells[i].withheld && cells[i].count < (double)min_n)
			cells[i].withheld |= CXM__WITHHELD_SMALL;
	for (;;) {
		size_t pick = SIZE_MAX;
		total = 0.0;
		for (i = 0; i < n; i++) {
			if (cells[i].withheld)
				total += cells[i].count;
			else if (pick == SIZE_MAX || cells[i].count <= cells[pick].count)
				pick = i;
		}
		if (!(total > 0.0 && total < (double)min_n) || pick == SIZE_MAX)
			break;
		cells[pick].withheld |= CXM__WITHHELD_SECONDARY;
	}
	for (i = 0; i < n; i++)
		if (cells[i].withheld) {
			cells[i].count = NAN;
			cells[i].share = NAN;
		}
	return total;
}

void cxm__persona_withhold_table(int *flags, int *pop_flags, const double *count, const double *pop,
				 const unsigned char *skip, size_t n_seg, size_t n_levels, size_t min_n)
{
	size_t s, l;
	int changed;
	for (l = 0; l < n_levels; l++)
		if (!skip[l] && pop[l] < (double)min_n)
			pop_flags[l] |= CXM__WITHHELD_SMALL;
	for (s = 0; s < n_seg; s++)
		for (l = 0; l < n_levels; l++)
			if (!skip[l] && count[s * n_levels + l] < (double)min_n)
				flags[s * n_levels + l] |= CXM__WITHHELD_SMALL;
	do {
		changed = 0;
		/* a level with a withheld cell of customers is withheld in the population, so that
		   its population count and the shown cells do not give the withheld ones away */
		for (l = 0; l < n_levels; l++) {
			if (skip[l] || pop_flags[l])
				continue;
			for (s = 0; s < n_seg; s++)
				if (flags[s * n_levels + l] && count[s * n_levels + l] > 0.0) {
					pop_flags[l] |= CXM__WITHHELD_SECONDARY;
					changed = 1;
					break;
				}
		}
		changed |= line(pop_flags, 1, pop, 1, skip, n_levels, min_n);
		for (l = 0; l < n_levels; l++)
			if (!skip[l] && pop_flags[l])
				for (s = 0; s < n_seg; s++)
					flags[s * n_levels + l] |= CXM__WITHHELD_POPULATION;
		for (s = 0; s < n_seg; s++)
			changed |= line(flags + s * n_levels, 1, count + s * n_levels, 1, skip, n_levels, min_n);
	} while (changed);
}

void cxm__persona_withhold_numeric(unsigned char *withheld, const double *n, size_t n_seg, size_t min_n)
{
	size_t s;
	for (s = 0; s < n_seg; s++)
		if (n[s] < (double)min_n)
			withheld[s] = 1;
	for (;;) {
		double total = 0.0;
		size_t holding = 0, pick = SIZE_MAX;
		for (s = 0; s < n_seg; s++) {
			if (withheld[s]) {
				total += n[s];
				holding += n[s] > 0.0;
			} else if (n[s] > 0.0 && (pick == SIZE_MAX || n[s] <= n[pick])) {
				pick = s;
			}
		}
		if (!((total > 0.0 && total < (double)min_n) || holding == 1) || pick == SIZE_MAX)
			return;
		withheld[pick] = 1;
	}
}
