/*
 * lib/persona/opts.c - persona options (cxm_persona_opts): new, free, one
 * setter per option; each setter checks its value and leaves the options as
 * they were when it fails (docs/conventions.md). The defaults are
 * cxm__persona_opts_default, which a NULL options pointer means.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "persona_internal.h"

const cxm_persona_opts cxm__persona_opts_default = {
	.role = { NULL },
	.scores = NULL,
	.n_scores = 0,
	.ignored = NULL,
	.n_ignored = 0,
	.auto_roles = 1,
	.min_n = CXM_PERSONA_MIN_N_DEFAULT,
	.seed = 0,
	.fdr = CXM_PERSONA_FDR_DEFAULT,
	.identifiers = CXM_PERSONA_IDENTIFIERS_DEFAULT,
	.reference_year = 0,
	.names = NULL,
	.rules = NULL,
	.quotes = CXM_PERSONA_QUOTES_DEFAULT,
	.quote_min = CXM_PERSONA_QUOTE_MIN_DEFAULT,
	.quote_max = CXM_PERSONA_QUOTE_MAX_DEFAULT,
	.blocklist = NULL,
	.n_blocklist = 0,
	.csat_lo = 1,
	.csat_hi = 5,
	.ces_lo = 1,
	.ces_hi = 7,
	.score_lo = 1,
	.score_hi = 5,
	.method = NULL,
	.k = 0,
	.quality_measure = NULL,
	.quality = NAN,
	.k_max = CXM_PERSONA_K_MAX_DEFAULT,
	.threads = 1,
	.progress = NULL,
	.progress_user = NULL
};

static void free_list(char **list, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		cxm__free(list[i]);
	cxm__free(list);
}

cxm_status cxm_persona_opts_new(cxm_persona_opts **out)
{
	cxm_persona_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for the persona options");
	*o = cxm__persona_opts_default;
	*out = o;
	return CXM_OK;
}

void cxm_persona_opts_free(cxm_persona_opts *opts)
{
	size_t r;
	if (!opts)
		return;
	for (r = 0; r < CXM__PERSONA_ONE_ROLES; r++)
		cxm__free(opts->role[r]);
	free_list(opts->scores, opts->n_scores);
	free_list(opts->ignored, opts->n_ignored);
	free_list(opts->blocklist, opts->n_blocklist);
	cxm__free(opts->method);
	cxm__free(opts->quality_measure);
	cxm__free(opts);
}

/* Append a copy of s to a list of strings. */
static int list_push(char ***list, size_t *n, const char *s, const char *what)
{
	char *copy = cxm__strdup(s), **grown;
	if (!copy)
		return cxm__fail(CXM_ENOMEM, "out of memory for the %s", what);
	grown = cxm__realloc(*list, (*n + 1) * sizeof *grown);
	if (!grown) {
		cxm__free(copy);
		return cxm__fail(CXM_ENOMEM, "out of memory for the %s", what);
	}
	grown[*n] = copy;
	*list = grown;
	(*n)++;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_role(cxm_persona_opts *opts, int role, const char *column)
{
	char *copy;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_ptr(column, "column")) < 0 ||
	    (rc = cxm__names_check(&cxm__persona_role_names, role)) < 0)
		return rc;
	if (column[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "the column of role %s is empty",
				 cxm__names_word(&cxm__persona_role_names, role));
	if (role == CXM_PERSONA_ROLE_SCORE)
		return list_push(&opts->scores, &opts->n_scores, column, "SCORE columns");
	if (role == CXM_PERSONA_ROLE_IGNORE)
		return list_push(&opts->ignored, &opts->n_ignored, column, "IGNORE columns");
	if ((copy = cxm__strdup(column)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for a column name");
	cxm__free(opts->role[role]);
	opts->role[role] = copy;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_auto_roles(cxm_persona_opts *opts, int on)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->auto_roles = on != 0;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_min_n(cxm_persona_opts *opts, size_t min_n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (min_n == 0)
		return cxm__fail(CXM_EBAD_ARG, "min_n is 0; it must be 1 or more");
	opts->min_n = min_n;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_seed(cxm_persona_opts *opts, uint64_t seed)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->seed = seed;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_fdr(cxm_persona_opts *opts, double fdr)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(fdr > 0.0 && fdr < 1.0))
		return cxm__fail(CXM_EOUT_OF_RANGE, "fdr is %.17g; it must be in (0, 1)", fdr);
	opts->fdr = fdr;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_identifiers(cxm_persona_opts *opts, size_t n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EBAD_ARG, "identifiers is 0; it must be 1 or more");
	opts->identifiers = n;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_reference_year(cxm_persona_opts *opts, int year)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (year != 0 && (year < 1800 || year > 2200))
		return cxm__fail(CXM_EOUT_OF_RANGE, "reference_year is %d; it must be from 1800 to 2200 "
				 "(or 0: the current year)", year);
	opts->reference_year = year;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_names(cxm_persona_opts *opts, const cxm_persona_names *names)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->names = names;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_rules(cxm_persona_opts *opts, const cxm_persona_rules *rules)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->rules = rules;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_quotes(cxm_persona_opts *opts, size_t count, size_t min_chars, size_t max_chars,
				       const char *const *words, size_t n_words)
{
	char **copy = NULL;
	size_t i, n = 0;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_array(words, n_words, "words")) < 0)
		return rc;
	if (max_chars == 0)
		return cxm__fail(CXM_EBAD_ARG, "max_chars is 0; a quote needs at least one character");
	if (min_chars > max_chars)
		return cxm__fail(CXM_EBAD_ARG, "min_chars = %zu is above max_chars = %zu", min_chars, max_chars);
	for (i = 0; i < n_words; i++) {
		if (words[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "words[%zu] is NULL", i);
		if (words[i][0] == '\0')
			return cxm__fail(CXM_EBAD_ARG, "words[%zu] is empty", i);
	}
	for (i = 0; i < n_words; i++) {
		if ((rc = list_push(&copy, &n, words[i], "blocklist")) < 0) {
			free_list(copy, n);
			return rc;
		}
	}
	free_list(opts->blocklist, opts->n_blocklist);
	opts->blocklist = copy;
	opts->n_blocklist = n;
	opts->quotes = count;
	opts->quote_min = min_chars;
	opts->quote_max = max_chars;
	return CXM_OK;
}

static int check_scale(int lo, int hi, const char *what)
{
	if (lo >= hi)
		return cxm__fail(CXM_EBAD_ARG, "the %s scale %d..%d is empty; lo must be below hi", what, lo, hi);
	if ((long long)hi - (long long)lo + 1 > 1001)
		return cxm__fail(CXM_EBAD_ARG, "the %s scale %d..%d has %lld points; at most 1001", what, lo, hi,
				 (long long)hi - (long long)lo + 1);
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_scales(cxm_persona_opts *opts, int csat_lo, int csat_hi, int ces_lo, int ces_hi,
				       int score_lo, int score_hi)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = check_scale(csat_lo, csat_hi, "CSAT")) < 0 ||
	    (rc = check_scale(ces_lo, ces_hi, "CES")) < 0 || (rc = check_scale(score_lo, score_hi, "score")) < 0)
		return rc;
	opts->csat_lo = csat_lo;
	opts->csat_hi = csat_hi;
	opts->ces_lo = ces_lo;
	opts->ces_hi = ces_hi;
	opts->score_lo = score_lo;
	opts->score_hi = score_hi;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_source(cxm_persona_opts *opts, const char *method, size_t k,
				       const char *quality_measure, double quality)
{
	char *m, *q = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_ptr(method, "method")) < 0)
		return rc;
	if (method[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "the method of the segments' source is empty");
	if ((m = cxm__strdup(method)) == NULL ||
	    (quality_measure && quality_measure[0] && (q = cxm__strdup(quality_measure)) == NULL)) {
		cxm__free(m);
		return cxm__fail(CXM_ENOMEM, "out of memory for the segments' source");
	}
	cxm__free(opts->method);
	cxm__free(opts->quality_measure);
	opts->method = m;
	opts->k = k;
	opts->quality_measure = q;
	opts->quality = quality;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_k_max(cxm_persona_opts *opts, size_t k_max)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (k_max < 2 || k_max > 64)
		return cxm__fail(CXM_EOUT_OF_RANGE, "k_max is %zu; it must be from 2 to 64", k_max);
	opts->k_max = k_max;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_threads(cxm_persona_opts *opts, unsigned int threads)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (threads > 1024)
		return cxm__fail(CXM_EBAD_ARG, "threads is %u; it must be from 0 (the library's default) to 1024", threads);
	opts->threads = threads;
	return CXM_OK;
}

cxm_status cxm_persona_opts_set_progress(cxm_persona_opts *opts, cxm_cluster_progress_fn fn, void *user)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->progress = fn;
	opts->progress_user = user;
	return CXM_OK;
}
