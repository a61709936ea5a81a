/*
 * examples/c/segment_customers.c - customer segments of a real retailer's
 * customers: read the CSV into a table, standardise the numbers, choose k
 * (silhouette, elbow, gap), k-means, quality, profiles, and the model as JSON.
 *
 *   cc segment_customers.c $(pkg-config --cflags --libs cxmetrics) -o segment_customers
 *   ./segment_customers tests/data/customers/marketing_campaign.csv
 *
 * The data: 2,240 customers (CC0, tests/data/customers/README.md).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv */
#include <stdio.h>
#include <stdlib.h>
#include <cxmetrics.h>
#include <cxmetrics/experimental.h>

#define N_COLS 7
static const char *const columns[N_COLS] = { "Recency", "MntWines", "MntMeatProducts", "MntFishProducts",
					     "MntGoldProds", "NumWebPurchases", "NumStorePurchases" };

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/data/customers/marketing_campaign.csv";
	cxm_csv_spec *spec = NULL;
	cxm_table *customers = NULL, *choose = NULL, *profiles = NULL;
	cxm_cluster_opts *opts = NULL;
	cxm_cluster_model *model = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	double *x = NULL, means[N_COLS], scales[N_COLS], best_sil = 0, best_elbow = 0, best_gap = 0;
	double sizes[16], sil, db, ch;
	uint32_t *labels = NULL;
	char *json = NULL;
	size_t rows, i, j, k = 4;
	int rc = 1;

	/* the numeric columns, read once (Income is left out: 24 customers have none) */
	if (cxm_csv_spec_new(&spec) < 0 || cxm_csv_spec_set_delimiter(spec, ';') < 0)
		return fail("spec");
	for (j = 0; j < N_COLS; j++)
		if (cxm_csv_spec_add_column(spec, columns[j], CXM_TABLE_NUMBER, CXM_CSV_REQUIRED) < 0)
			return fail("spec");
	if (cxm_table_read_csv(&customers, path, spec) < 0) {
		rc = fail(path);
		goto done;
	}
	rows = cxm_table_rows(customers);
	printf("%zu customers\n", rows);

	/* row-major features, standardised in place */
	x = malloc(rows * N_COLS * sizeof *x);
	labels = malloc(rows * sizeof *labels);
	if (!x || !labels)
		goto done;
	for (j = 0; j < N_COLS; j++) {
		const double *col = cxm_table_numbers(customers, j);
		for (i = 0; i < rows; i++)
			x[i * N_COLS + j] = col[i];
	}
	if (cxm_standardize_fit(means, N_COLS, scales, N_COLS, x, rows * N_COLS, N_COLS) < 0 ||
	    cxm_standardize_apply(x, rows * N_COLS, x, rows * N_COLS, N_COLS, means, N_COLS, scales, N_COLS) < 0) {
		rc = fail("standardize");
		goto done;
	}

	/* k = 2 .. 8: silhouette, elbow and gap */
	if (cxm_cluster_opts_new(&opts) < 0 || cxm_cluster_opts_set_seed(opts, 1) < 0 ||
	    cxm_cluster_opts_set_n_init(opts, 2) < 0)
		goto done;
	if (cxm_cluster_choose_k(&choose, x, rows * N_COLS, N_COLS, NULL, 0, 0, NULL, 0, 2, 8, 0, 10, opts) < 0) {
		rc = fail("choose_k");
		goto done;
	}
	cxm_table_get_attr_number(&best_sil, choose, "best_silhouette");
	cxm_table_get_attr_number(&best_elbow, choose, "best_elbow");
	cxm_table_get_attr_number(&best_gap, choose, "best_gap");
	printf("k by silhouette %.0f, elbow %.0f, gap %.0f; segmenting with k = %zu\n", best_sil, best_elbow,
	       best_gap, k);

	/* k-means */
	if (cxm_cluster_opts_set_k(opts, k) < 0 ||
	    cxm_kmeans_fit(&model, labels, rows, x, rows * N_COLS, N_COLS, opts) < 0 ||
	    cxm_cluster_model_set_names(model, columns, N_COLS) < 0 || cxm_cluster_model_info(&info, model) < 0 ||
	    cxm_cluster_model_sizes(sizes, k, model) < 0) {
		rc = fail("kmeans");
		goto done;
	}
	if (cxm_cluster_silhouette(&sil, x, rows * N_COLS, N_COLS, NULL, 0, 0, 0.0, labels, rows, 0, 0, 0) < 0 ||
	    cxm_cluster_davies_bouldin(&db, x, rows * N_COLS, N_COLS, NULL, 0, 0, 0.0, labels, rows) < 0 ||
	    cxm_cluster_calinski_harabasz(&ch, x, rows * N_COLS, N_COLS, NULL, 0, 0, 0.0, labels, rows) < 0) {
		rc = fail("quality");
		goto done;
	}
	printf("inertia %.1f after %u iterations; silhouette %.3f, Davies-Bouldin %.3f, Calinski-Harabasz %.1f\n",
	       info.cost, info.iterations, sil, db, ch);
	for (i = 0; i < k; i++)
		printf("  segment %zu: %.0f customers\n", i, sizes[i]);

	/* profiles in the file's units: each segment's mean against the base */
	if (cxm_cluster_profiles(&profiles, customers, columns, N_COLS, labels, rows) < 0) {
		rc = fail("profiles");
		goto done;
	}
	{
		const double *cl = cxm_table_numbers(profiles, 0), *lift;
		const char *const *attr;
		size_t col;
		if (cxm_table_column_index(&col, profiles, "lift") < 0)
			goto done;
		lift = cxm_table_numbers(profiles, col);
		if (cxm_table_column_index(&col, profiles, "attribute") < 0)
			goto done;
		attr = cxm_table_texts(profiles, col);
		for (i = 0; i < cxm_table_rows(profiles); i++)
			if (lift[i] > 1.5)
				printf("  segment %.0f: mean %s %.1f times the base's\n", cl[i], attr[i], lift[i]);
	}

	/* the model as JSON: save it, read it back, label customers with it */
	if (cxm_cluster_model_to_json(&json, model) < 0)
		goto done;
	{
		cxm_cluster_model *back = NULL;
		uint32_t again[5];
		double cost[5];
		size_t len = 0;
		while (json[len])
			len++;
		if (cxm_cluster_model_from_json(&back, json, len) < 0 ||
		    cxm_cluster_assign(again, 5, cost, 5, back, x, 5 * N_COLS, N_COLS, NULL, 0, 0) < 0) {
			cxm_cluster_model_free(back);
			rc = fail("model JSON");
			goto done;
		}
		printf("the first 5 customers, labelled by the saved model: %u %u %u %u %u (fit: %u %u %u %u %u)\n",
		       again[0], again[1], again[2], again[3], again[4], labels[0], labels[1], labels[2], labels[3],
		       labels[4]);
		cxm_cluster_model_free(back);
	}
	rc = 0;
done:
	cxm_free(json);
	cxm_table_free(profiles);
	cxm_table_free(choose);
	cxm_cluster_model_free(model);
	cxm_cluster_opts_free(opts);
	cxm_table_free(customers);
	cxm_csv_spec_free(spec);
	free(x);
	free(labels);
	return rc;
}
