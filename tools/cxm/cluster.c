/*
 * tools/cxm/cluster.c - `cxm cluster`: segment the rows of a CSV file (one
 * row per customer) by k-means, or by k-prototypes when categorical columns
 * are named, and report the clusters, their quality and their profiles.
 * Argument parsing only: the file is read into a table
 * (cxm_table_read_csv), the features are the table's numbers and level
 * codes, and everything else is the library's (cluster.h: standardisation,
 * choose_k, the fits, the quality measures, the profiles) and its writers
 * (cxm_table_write, cxm_cluster_model_to_json).
 */
#define CXM_EXPERIMENTAL
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cxmetrics/experimental.h"
#include "cli.h"

static const char cluster_help[] =
	"Usage: cxm cluster FILE.csv --columns A,B,... [--categorical C,...]\n"
	"           --k K|auto [--k-min N] [--k-max N] [--init CENTRES.csv] [--seed S]\n"
	"           [--standardize] [--format json|csv] [--labels OUT.csv]\n"
	"\n"
	"Segment the rows of FILE.csv (one row per customer) into K clusters:\n"
	"k-means on the numeric --columns, or k-prototypes (Huang 1998: squared\n"
	"distance on the numbers + gamma x the categorical mismatches) when\n"
	"--categorical columns are named. Then the clusters' quality (mean\n"
	"silhouette, Davies-Bouldin, Calinski-Harabasz) and their profiles: per\n"
	"cluster and column, the mean (numbers) or the most common level (texts),\n"
	"against the whole file (lift).\n"
	"\n"
	"Options:\n"
	"  --columns A,B,...      numeric columns (the features of k-means)\n"
	"  --categorical C,...    text columns (categorical features: k-prototypes)\n"
	"  --k K|auto             the number of clusters; 'auto' fits k = --k-min ..\n"
	"                         --k-max and keeps the k of the highest silhouette\n"
	"                         (the JSON has the elbow and gap choices and every k)\n"
	"  --k-min N, --k-max N   the range of --k auto (default 2 and 10)\n"
	"  --init CENTRES.csv     start from these centres: one row per cluster with\n"
	"                         the --columns (and --categorical levels); K is\n"
	"                         their number of rows\n"
	"  --seed S               seed of every random choice (default 0): the same\n"
	"                         seed gives the same clusters, whatever the threads\n"
	"  --n-init N             seeded starts, the best kept (default 1)\n"
	"  --max-iter N           the most iterations (default 300)\n"
	"  --standardize          cluster the numeric columns standardised (mean 0,\n"
	"                         population standard deviation 1); centroids are then\n"
	"                         in standard units, profiles in the file's units\n"
	"  --silhouette-sample N  the silhouette over N seeded rows (default 10000;\n"
	"                         0, or the rows or more: every row, the exact\n"
	"                         silhouette, which is quadratic in the rows)\n"
	"  --references N         reference data sets of the gap statistic (--k auto;\n"
	"                         default 10, 0 skips it)\n"
	"  --threads N            threads (default: all cores); results do not depend\n"
	"                         on it\n"
	"  --delimiter CHAR       field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format json|csv      JSON (default): kind, k, inertia (the cost for\n"
	"                         k-prototypes), iterations, converged (1 or 0),\n"
	"                         gamma (k-prototypes), standardized (1 or 0),\n"
	"                         silhouette, davies_bouldin, calinski_harabasz,\n"
	"                         centroids (one object per cluster: cluster, size and\n"
	"                         the features), sizes, profiles, choose_k (with --k\n"
	"                         auto) and the model (as the library saves it);\n"
	"                         CSV: the centroids, one row per cluster\n"
	"  --labels OUT.csv       write each row's cluster (header 'label', one line\n"
	"                         per row of FILE.csv, in its order)\n"
	"  -h, --help             this help\n"
	"\n"
	"Numbers are printed in the shortest form that reads back exactly; a\n"
	"measure that is not defined (one cluster) is null.\n"
	"\n"
	"Example:\n"
	"  cxm cluster customers.csv --columns recency,frequency,monetary --k auto \\\n"
	"      --standardize --labels segments.csv\n";

/* A comma-separated list, split in place into *items (malloc'd); 0 or -1 (NOMEM). */
static char *copy_text(const char *s)
{
	char *c = (char *)malloc(strlen(s) + 1);
	return c ? strcpy(c, s) : NULL;
}

static int split_list(char ***items, size_t *n, char *text)
{
	size_t count = 1, k = 0;
	char *p;
	for (p = text; *p; p++)
		count += *p == ',';
	*items = (char **)malloc(count * sizeof **items);
	if (!*items)
		return -1;
	for (p = text;;) {
		char *comma = strchr(p, ',');
		(*items)[k++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	*n = k;
	return 0;
}

/* An unsigned number option: 0 when absent or valid, else a usage error. */
static int size_option(uint64_t *out, const cli_option *opts, size_t n_opts, const char *name, uint64_t max)
{
	const char *v = cli_opt(opts, n_opts, name);
	char *end;
	unsigned long long x;
	if (!v)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (end == v || *end != '\0' || v[0] == '-' || errno == ERANGE || x > max)
		return cli_usage_error("cluster: %s must be a whole number 0 .. %llu, not '%s'", name,
				       (unsigned long long)max, v);
	*out = (uint64_t)x;
	return 0;
}

struct features {
	cxm_table *t;
	size_t rows, n_cols, n_cat;
	char **num, **cat;   /* column names (into the option texts) */
	double *x;           /* rows x n_cols */
	uint32_t *codes;     /* rows x n_cat */
	uint32_t *levels;    /* n_cat level counts */
	size_t *num_col, *cat_col; /* their columns in t */
};

static void features_free(struct features *f)
{
	cxm_table_free(f->t);
	free(f->x);
	free(f->codes);
	free(f->levels);
	free(f->num_col);
	free(f->cat_col);
}

/* The spec of the feature columns: numbers (required), texts (required, never empty). */
static int feature_spec(cxm_csv_spec **spec, const struct features *f, const cli_option *opts, size_t n_opts)
{
	const char *v = cli_opt(opts, n_opts, "--delimiter");
	char delimiter = ',';
	size_t j;
	int rc;
	*spec = NULL;
	if (v && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("cluster: --delimiter must be one character (or 'tab'), not a quote or a "
				       "line break; got '%s'", v);
	if ((rc = cxm_csv_spec_new(spec)) < 0)
		return cli_library_error(rc, NULL);
	if (cxm_csv_spec_set_delimiter(*spec, delimiter) < 0)
		return cli_usage_library_error("cluster: --delimiter: ");
	for (j = 0; j < f->n_cols; j++)
		if (cxm_csv_spec_add_column(*spec, f->num[j], CXM_TABLE_NUMBER, CXM_CSV_REQUIRED) < 0)
			return cli_usage_library_error("cluster: --columns: ");
	for (j = 0; j < f->n_cat; j++)
		if (cxm_csv_spec_add_column(*spec, f->cat[j], CXM_TABLE_TEXT, CXM_CSV_REQUIRED | CXM_CSV_NOT_EMPTY) < 0)
			return cli_usage_library_error("cluster: --categorical: ");
	return 0;
}

/* Read `path` into f->t and the row-major features; 0 or an exit code. */
static int read_features(struct features *f, const char *path, const cxm_csv_spec *spec, int check_finite)
{
	size_t i, j;
	int rc;
	if ((rc = cxm_table_read_csv(&f->t, path, spec)) < 0)
		return cli_library_error(rc, NULL); /* names the file, line, column and value */
	f->rows = cxm_table_rows(f->t);
	f->x = (double *)malloc((f->rows * f->n_cols + 1) * sizeof *f->x);
	f->codes = (uint32_t *)malloc((f->rows * f->n_cat + 1) * sizeof *f->codes);
	f->levels = (uint32_t *)malloc((f->n_cat ? f->n_cat : 1) * sizeof *f->levels);
	f->num_col = (size_t *)malloc((f->n_cols ? f->n_cols : 1) * sizeof *f->num_col);
	f->cat_col = (size_t *)malloc((f->n_cat ? f->n_cat : 1) * sizeof *f->cat_col);
	if (!f->x || !f->codes || !f->levels || !f->num_col || !f->cat_col)
		return cli_data_error("out of memory");
	for (j = 0; j < f->n_cols; j++) {
		const double *col;
		if ((rc = cxm_table_column_index(&f->num_col[j], f->t, f->num[j])) < 0)
			return cli_library_error(rc, path);
		col = cxm_table_numbers(f->t, f->num_col[j]);
		for (i = 0; i < f->rows; i++) {
			/* the reader takes "nan" and "inf" as numbers: say where they are
			 * in the file (line 1 is the header) */
			if (check_finite && !isfinite(col[i]))
				return cli_data_error("%s:%zu: column '%s': %s is not a value to cluster (give "
						      "every row a finite number, or leave the column out)",
						      path, i + 2, f->num[j], isnan(col[i]) ? "NaN" : "an infinity");
			f->x[i * f->n_cols + j] = col[i];
		}
	}
	for (j = 0; j < f->n_cat; j++) {
		uint32_t *tmp = (uint32_t *)malloc((f->rows ? f->rows : 1) * sizeof *tmp);
		if (!tmp)
			return cli_data_error("out of memory");
		if ((rc = cxm_table_column_index(&f->cat_col[j], f->t, f->cat[j])) < 0 ||
		    (rc = cxm_table_copy_codes(tmp, f->rows, f->t, f->cat_col[j])) < 0) {
			free(tmp);
			return cli_library_error(rc, path);
		}
		for (i = 0; i < f->rows; i++)
			f->codes[i * f->n_cat + j] = tmp[i];
		free(tmp);
		f->levels[j] = (uint32_t)cxm_table_level_count(f->t, f->cat_col[j]);
	}
	return 0;
}

/* --init CENTRES.csv: the numeric centres and the modes (the data's level
 * codes of the texts) into the options; *k gets its row count. */
static int read_init(cxm_cluster_opts *opts, size_t *k, const char *path, const struct features *data,
		     const cxm_csv_spec *spec)
{
	struct features c;
	size_t i, j, l;
	int rc;
	memset(&c, 0, sizeof c);
	c.n_cols = data->n_cols;
	c.n_cat = data->n_cat;
	c.num = data->num;
	c.cat = data->cat;
	if ((rc = read_features(&c, path, spec, 1)) != 0)
		goto done;
	if (c.rows == 0) {
		rc = cli_data_error("%s: no centres (a header line and one row per cluster are needed)", path);
		goto done;
	}
	for (j = 0; j < c.n_cat; j++) {
		for (i = 0; i < c.rows; i++) {
			const char *text = cxm_table_level(c.t, c.cat_col[j], c.codes[i * c.n_cat + j]);
			for (l = 0; l < data->levels[j]; l++)
				if (strcmp(text, cxm_table_level(data->t, data->cat_col[j], l)) == 0)
					break;
			if (l == data->levels[j]) {
				rc = cli_data_error("%s:%zu: column '%s': '%s' is not a level of the data", path,
						    i + 2, c.cat[j], text);
				goto done;
			}
			c.codes[i * c.n_cat + j] = (uint32_t)l;
		}
	}
	*k = c.rows;
	if ((c.n_cols && (rc = cxm_cluster_opts_set_init(opts, c.x, c.rows * c.n_cols)) < 0) ||
	    (c.n_cat && (rc = cxm_cluster_opts_set_init_modes(opts, c.codes, c.rows * c.n_cat)) < 0)) {
		rc = cli_library_error(rc, path);
		goto done;
	}
	rc = 0;
done:
	features_free(&c);
	return rc;
}

/* One table of the results per cluster: cluster, size, the centre and the
 * modes' level texts; attributes: the facts and the quality measures. */
static int centroid_table(cxm_table **out, const cxm_cluster_model *model, const struct features *f)
{
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	cxm_table *t = NULL;
	double *centres = NULL, *col = NULL, *sizes = NULL;
	uint32_t *modes = NULL;
	const char **texts = NULL;
	size_t i, j, k;
	int rc;
	if ((rc = cxm_cluster_model_info(&info, model)) < 0)
		return rc;
	k = info.k;
	centres = (double *)malloc((k * f->n_cols + 1) * sizeof *centres);
	col = (double *)malloc(k * sizeof *col);
	sizes = (double *)malloc(k * sizeof *sizes);
	modes = (uint32_t *)malloc((k * f->n_cat + 1) * sizeof *modes);
	texts = (const char **)malloc(k * sizeof *texts);
	rc = CXM_ENOMEM;
	if (!centres || !col || !sizes || !modes || !texts)
		goto done;
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_set_row_name(t, "centroids")) < 0 ||
	    (rc = cxm_cluster_model_sizes(sizes, k, model)) < 0 ||
	    (f->n_cols && (rc = cxm_cluster_model_centres(centres, k * f->n_cols, model)) < 0) ||
	    (f->n_cat && (rc = cxm_cluster_model_modes(modes, k * f->n_cat, model)) < 0))
		goto done;
	for (i = 0; i < k; i++)
		col[i] = (double)i;
	if ((rc = cxm_table_add_numbers(t, "cluster", col, k)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "size", sizes, k)) < 0)
		goto done;
	for (j = 0; j < f->n_cols; j++) {
		for (i = 0; i < k; i++)
			col[i] = centres[i * f->n_cols + j];
		if ((rc = cxm_table_add_numbers(t, f->num[j], col, k)) < 0)
			goto done;
	}
	for (j = 0; j < f->n_cat; j++) {
		for (i = 0; i < k; i++)
			texts[i] = cxm_table_level(f->t, f->cat_col[j], modes[i * f->n_cat + j]);
		if ((rc = cxm_table_add_texts(t, f->cat[j], texts, k)) < 0)
			goto done;
	}
	rc = CXM_OK;
done:
	free(centres);
	free(col);
	free(sizes);
	free(modes);
	free((void *)texts);
	if (rc < 0) {
		cxm_table_free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

/* The members of a rendered JSON object: the text between its outer braces,
 * without the white space before the closing one. */
static int put_inner(const char *json)
{
	size_t n = strlen(json);
	while (n > 0 && json[n - 1] != '}')
		n--;
	if (n < 2 || json[0] != '{')
		return -1;
	n--; /* the closing brace */
	while (n > 1 && (json[n - 1] == '\n' || json[n - 1] == ' '))
		n--;
	fwrite(json + 1, 1, n - 1, stdout);
	return 0;
}

/* A library text without its final line break. */
static void put_text_trimmed(const char *text)
{
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == '\n')
		n--;
	fwrite(text, 1, n, stdout);
}

/* One JSON document: the centroid table's attributes and rows, the sizes,
 * the profiles, choose_k and the model - each rendered by the library. */
static int write_json(const cxm_table *centroids, const double *sizes, size_t k, const cxm_table *profiles,
		      const cxm_table *choose, const cxm_cluster_model *model)
{
	char *text = NULL;
	size_t i;
	int rc;
	if ((rc = cxm_table_render(&text, centroids, CXM_FORMAT_JSON)) < 0)
		return cli_library_error(rc, NULL);
	fputs("{", stdout);
	put_inner(text);
	cxm_free(text);
	fputs(",\n  \"sizes\": [", stdout);
	for (i = 0; i < k; i++)
		printf("%s%.0f", i ? ", " : "", sizes[i]); /* row counts: whole numbers */
	fputs("],", stdout);
	if ((rc = cxm_table_render(&text, profiles, CXM_FORMAT_JSON)) < 0)
		return cli_library_error(rc, NULL);
	put_inner(text);
	cxm_free(text);
	if (choose) {
		fputs(",", stdout);
		if ((rc = cxm_table_render(&text, choose, CXM_FORMAT_JSON)) < 0)
			return cli_library_error(rc, NULL);
		put_inner(text);
		cxm_free(text);
	}
	if ((rc = cxm_cluster_model_to_json(&text, model)) < 0)
		return cli_library_error(rc, NULL);
	fputs(",\n  \"model\": ", stdout);
	put_text_trimmed(text);
	cxm_free(text);
	fputs("\n}\n", stdout);
	return cli_finish_output("output");
}

/* --labels OUT.csv: header "label", one row per input row. */
static int write_labels(const char *path, const uint32_t *labels, size_t rows)
{
	cxm_table *t = NULL;
	double *v = (double *)malloc((rows ? rows : 1) * sizeof *v);
	FILE *fp;
	size_t i;
	int rc;
	if (!v)
		return cli_data_error("out of memory");
	for (i = 0; i < rows; i++)
		v[i] = (double)labels[i];
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_add_numbers(t, "label", v, rows)) < 0) {
		free(v);
		cxm_table_free(t);
		return cli_library_error(rc, NULL);
	}
	free(v);
	if (!(fp = fopen(path, "w"))) {
		cxm_table_free(t);
		return cli_data_error("--labels %s: cannot write it: %s", path, strerror(errno));
	}
	rc = cxm_table_write(fp, t, CXM_FORMAT_CSV);
	cxm_table_free(t);
	if (fclose(fp) != 0 && rc >= 0)
		return cli_data_error("--labels %s: cannot write it: %s", path, strerror(errno));
	return rc < 0 ? cli_library_error(rc, path) : 0;
}

/* A failure of the library on the features: its message names a column by
 * number ("categorical column 0", "column 1" of x); say its name first. */
static int features_error(int rc, const char *file, const struct features *f)
{
	const char *msg = cxm_error_last()->message, *p;
	char ctx[512];
	unsigned long j;
	if ((p = strstr(msg, "categorical column ")) != NULL &&
	    sscanf(p, "categorical column %lu", &j) == 1 && j < f->n_cat) {
		snprintf(ctx, sizeof ctx, "%s: column '%s'", file, f->cat[j]);
		return cli_library_error(rc, ctx);
	}
	for (p = msg; (p = strstr(p, "column ")) != NULL; p++) {
		if ((p - msg >= 12 && strncmp(p - 12, "categorical ", 12) == 0) ||
		    sscanf(p, "column %lu", &j) != 1 || j >= f->n_cols)
			continue;
		snprintf(ctx, sizeof ctx, "%s: column '%s'", file, f->num[j]);
		return cli_library_error(rc, ctx);
	}
	return cli_library_error(rc, file);
}

/* A quality measure, NaN where it is not defined (fewer than two clusters). */
static int quality(double *out, cxm_status rc)
{
	if (rc == CXM_ETOO_FEW) {
		*out = NAN;
		return 0;
	}
	return rc;
}

int cxm_cmd_cluster(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_JSON, CXM_FORMAT_CSV };
	cli_option opts[] = { { "--columns", 0, NULL },  { "--categorical", 0, NULL }, { "--k", 0, NULL },
			      { "--k-min", 0, NULL },    { "--k-max", 0, NULL },       { "--init", 0, NULL },
			      { "--seed", 0, NULL },     { "--standardize", 1, NULL }, { "--format", 0, NULL },
			      { "--labels", 0, NULL },   { "--n-init", 0, NULL },      { "--max-iter", 0, NULL },
			      { "--threads", 0, NULL },  { "--silhouette-sample", 0, NULL },
			      { "--references", 0, NULL }, { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "cluster", cluster_help, opts, n_opts, NULL, NULL };
	struct features f;
	cxm_csv_spec *spec = NULL;
	cxm_cluster_opts *copts = NULL;
	cxm_cluster_model *model = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	cxm_table *choose = NULL, *centroids = NULL, *profiles = NULL;
	char *num_text = NULL, *cat_text = NULL, **all = NULL;
	uint32_t *labels = NULL;
	double *means = NULL, *scales = NULL, sil = NAN, db = NAN, ch = NAN, sizes_buf = 0, *sizes = &sizes_buf;
	const char *file, *v, *kword;
	uint64_t k = 0, k_min = 2, k_max = 10, seed = CXM_CLUSTER_SEED_DEFAULT, n_init = 0, max_iter = 0,
		 threads = 0, sample = CXM_CLUSTER_SILHOUETTE_SAMPLE_DEFAULT,
		 references = CXM_CLUSTER_GAP_REFERENCES_DEFAULT;
	int rc, format, i_fmt, automatic = 0;
	size_t j, kk = 0;

	memset(&f, 0, sizeof f);
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (file == NULL)
		return cli_usage_error("cluster: no input file given (see cxm cluster --help)");
	if (!cli_opt(opts, n_opts, "--columns") && !cli_opt(opts, n_opts, "--categorical"))
		return cli_usage_error("cluster: --columns A,B,... is required: the numeric columns to cluster "
				       "on (and/or --categorical C,...)");
	kword = cli_opt(opts, n_opts, "--k");
	if (!kword && !cli_opt(opts, n_opts, "--init"))
		return cli_usage_error("cluster: --k K|auto is required: the number of clusters, or 'auto' to "
				       "choose it (or --init CENTRES.csv)");
	if (kword && strcmp(kword, "auto") == 0) {
		automatic = 1;
		if (cli_opt(opts, n_opts, "--init"))
			return cli_usage_error("cluster: --k auto and --init cannot go together: the initial "
					       "centres fix k");
	} else if ((rc = size_option(&k, opts, n_opts, "--k", (uint64_t)1 << 31)) != 0) {
		return rc;
	} else if (kword && k == 0) {
		return cli_usage_error("cluster: --k must be at least 1, or 'auto'");
	}
	if ((rc = size_option(&k_min, opts, n_opts, "--k-min", (uint64_t)1 << 31)) != 0 ||
	    (rc = size_option(&k_max, opts, n_opts, "--k-max", (uint64_t)1 << 31)) != 0 ||
	    (rc = size_option(&seed, opts, n_opts, "--seed", UINT64_MAX)) != 0 ||
	    (rc = size_option(&n_init, opts, n_opts, "--n-init", 1000)) != 0 ||
	    (rc = size_option(&max_iter, opts, n_opts, "--max-iter", UINT32_MAX)) != 0 ||
	    (rc = size_option(&threads, opts, n_opts, "--threads", 1024)) != 0 ||
	    (rc = size_option(&sample, opts, n_opts, "--silhouette-sample", SIZE_MAX)) != 0 ||
	    (rc = size_option(&references, opts, n_opts, "--references", SIZE_MAX)) != 0)
		return rc;
	if (!automatic && (cli_opt(opts, n_opts, "--k-min") || cli_opt(opts, n_opts, "--k-max")))
		return cli_usage_error("cluster: --k-min and --k-max go with --k auto");
	format = formats[0];
	if ((v = cli_opt(opts, n_opts, "--format")) != NULL) {
		if (cxm_names_parse(&i_fmt, CXM_NAMES_FORMAT, v) < 0 ||
		    (i_fmt != CXM_FORMAT_JSON && i_fmt != CXM_FORMAT_CSV))
			return cli_usage_error("cluster: --format must be json or csv, not '%s'", v);
		format = i_fmt;
	}

	/* the feature columns */
	rc = CLI_EXIT_DATA;
	if ((v = cli_opt(opts, n_opts, "--columns")) != NULL &&
	    (!(num_text = copy_text(v)) || split_list(&f.num, &f.n_cols, num_text) < 0))
		goto nomem;
	if ((v = cli_opt(opts, n_opts, "--categorical")) != NULL &&
	    (!(cat_text = copy_text(v)) || split_list(&f.cat, &f.n_cat, cat_text) < 0))
		goto nomem;
	if ((rc = feature_spec(&spec, &f, opts, n_opts)) != 0 || (rc = read_features(&f, file, spec, 1)) != 0)
		goto done;

	if (cli_opt(opts, n_opts, "--standardize") && f.n_cols) {
		means = (double *)malloc(f.n_cols * sizeof *means);
		scales = (double *)malloc(f.n_cols * sizeof *scales);
		if (!means || !scales)
			goto nomem;
		if ((rc = cxm_standardize_fit(means, f.n_cols, scales, f.n_cols, f.x, f.rows * f.n_cols, f.n_cols)) < 0 ||
		    (rc = cxm_standardize_apply(f.x, f.rows * f.n_cols, f.x, f.rows * f.n_cols, f.n_cols, means,
						f.n_cols, scales, f.n_cols)) < 0) {
			rc = features_error(rc, file, &f);
			goto done;
		}
	}

	/* the options */
	if ((rc = cxm_cluster_opts_new(&copts)) < 0 ||
	    (rc = cxm_cluster_opts_set_seed(copts, seed)) < 0 ||
	    (n_init && (rc = cxm_cluster_opts_set_n_init(copts, (unsigned int)n_init)) < 0) ||
	    (rc = cxm_cluster_opts_set_max_iterations(copts, (unsigned int)max_iter)) < 0 ||
	    (rc = cxm_cluster_opts_set_threads(copts, (unsigned int)threads)) < 0) {
		rc = cli_usage_library_error("cluster: ");
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--init")) != NULL) {
		size_t init_k = 0;
		if ((rc = read_init(copts, &init_k, v, &f, spec)) != 0)
			goto done;
		if (kword && k != init_k) {
			rc = cli_usage_error("cluster: --k %s but %s has %zu centres", kword, v, init_k);
			goto done;
		}
		k = init_k;
	}
	if (automatic) {
		double best = NAN;
		if ((rc = cxm_cluster_choose_k(&choose, f.x, f.rows * f.n_cols, f.n_cols, f.codes, f.rows * f.n_cat,
					       f.n_cat, f.levels, f.n_cat, (size_t)k_min, (size_t)k_max, (size_t)sample,
					       (size_t)references, copts)) < 0) {
			rc = features_error(rc, file, &f);
			goto done;
		}
		if ((rc = cxm_table_get_attr_number(&best, choose, "best_silhouette")) < 0 || !(best >= 1)) {
			rc = cli_data_error("%s: no k of %llu .. %llu has a silhouette", file,
					    (unsigned long long)k_min, (unsigned long long)k_max);
			goto done;
		}
		k = (uint64_t)best;
		/* its rows would take the key "k" of the chosen k */
		if ((rc = cxm_table_set_row_name(choose, "choose_k")) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
	}
	if ((rc = cxm_cluster_opts_set_k(copts, (size_t)k)) < 0) {
		rc = cli_usage_library_error("cluster: --k: ");
		goto done;
	}

	/* the fit */
	if (!(labels = (uint32_t *)malloc((f.rows ? f.rows : 1) * sizeof *labels)))
		goto nomem;
	rc = f.n_cat ? cxm_kprototypes_fit(&model, labels, f.rows, f.x, f.rows * f.n_cols, f.n_cols, f.codes,
					   f.rows * f.n_cat, f.n_cat, f.levels, f.n_cat, copts)
		     : cxm_kmeans_fit(&model, labels, f.rows, f.x, f.rows * f.n_cols, f.n_cols, copts);
	if (rc < 0) {
		rc = features_error(rc, file, &f);
		goto done;
	}
	if ((rc = cxm_cluster_model_info(&info, model)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	kk = info.k;

	/* names and levels, for the model's JSON */
	if (!(all = (char **)malloc((f.n_cols + f.n_cat) * sizeof *all)))
		goto nomem;
	for (j = 0; j < f.n_cols; j++)
		all[j] = f.num[j];
	for (j = 0; j < f.n_cat; j++)
		all[f.n_cols + j] = f.cat[j];
	if ((rc = cxm_cluster_model_set_names(model, (const char *const *)all, f.n_cols + f.n_cat)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	for (j = 0; j < f.n_cat; j++) {
		size_t l, n = f.levels[j];
		const char **lv = (const char **)malloc((n ? n : 1) * sizeof *lv);
		if (!lv)
			goto nomem;
		for (l = 0; l < n; l++)
			lv[l] = cxm_table_level(f.t, f.cat_col[j], l);
		rc = cxm_cluster_model_set_levels(model, j, lv, n);
		free((void *)lv);
		if (rc < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
	}

	/* quality: not defined for one cluster (NaN, null in JSON) */
	if ((rc = quality(&sil, cxm_cluster_silhouette(&sil, f.x, f.rows * f.n_cols, f.n_cols, f.codes,
						       f.rows * f.n_cat, f.n_cat, info.gamma, labels, f.rows,
						       (size_t)sample, seed, (unsigned int)threads))) < 0 ||
	    (rc = quality(&db, cxm_cluster_davies_bouldin(&db, f.x, f.rows * f.n_cols, f.n_cols, f.codes,
							  f.rows * f.n_cat, f.n_cat, info.gamma, labels, f.rows))) < 0 ||
	    (rc = quality(&ch, cxm_cluster_calinski_harabasz(&ch, f.x, f.rows * f.n_cols, f.n_cols, f.codes,
							     f.rows * f.n_cat, f.n_cat, info.gamma, labels,
							     f.rows))) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	/* profiles over the file's own columns (its units, not standardised) */
	if ((rc = cxm_cluster_profiles(&profiles, f.t, (const char *const *)all, f.n_cols + f.n_cat, labels,
				       f.rows)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if ((rc = centroid_table(&centroids, model, &f)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	{
		const char *kind = cxm_names_word(CXM_NAMES_CLUSTER_KIND, info.kind);
		if ((rc = cxm_table_set_attr_text(centroids, "kind", kind ? kind : "")) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "k", (double)kk)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "rows", (double)f.rows)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "inertia", info.cost)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "iterations", (double)info.iterations)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "converged", info.converged ? 1.0 : 0.0)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "gamma", info.gamma)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "standardized", means ? 1.0 : 0.0)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "silhouette", sil)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "davies_bouldin", db)) < 0 ||
		    (rc = cxm_table_set_attr_number(centroids, "calinski_harabasz", ch)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
	}
	if (format == CXM_FORMAT_CSV) {
		if ((rc = cxm_table_write(stdout, centroids, CXM_FORMAT_CSV)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
		rc = cli_finish_output("output");
	} else {
		if (!(sizes = (double *)malloc(kk * sizeof *sizes)))
			goto nomem;
		if ((rc = cxm_cluster_model_sizes(sizes, kk, model)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
		rc = write_json(centroids, sizes, kk, profiles, choose, model);
	}
	if (rc == 0 && (v = cli_opt(opts, n_opts, "--labels")) != NULL)
		rc = write_labels(v, labels, f.rows);
	goto done;
nomem:
	rc = cli_data_error("out of memory");
done:
	if (sizes != &sizes_buf)
		free(sizes);
	free(all);
	free(labels);
	free(means);
	free(scales);
	cxm_table_free(choose);
	cxm_table_free(centroids);
	cxm_table_free(profiles);
	cxm_cluster_model_free(model);
	cxm_cluster_opts_free(copts);
	cxm_csv_spec_free(spec);
	features_free(&f);
	free(f.num);
	free(f.cat);
	free(num_text);
	free(cat_text);
	return rc;
}
