/*
 * examples/c/personas.c - personas of a customer file: read the CSV into a
 * table with its numbers inferred, let the library recognise the columns
 * (customer_id, gender, birth_year, country, city, job, comment) and segment
 * the customers itself (k-prototypes, k by silhouette), then print each
 * persona's identity and write the set as one HTML page of cards.
 *
 *   cc personas.c $(pkg-config --cflags --libs cxmetrics) -o personas
 *   ./personas examples/data/ecommerce_customers.csv personas.html
 *
 * The data: examples/data/make_ecommerce_customers.py (seeded, synthetic).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv, cxm_csv_spec_set_infer_numbers */
#include <stdio.h>
#include <cxmetrics.h>
#include <cxmetrics/experimental.h>

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "examples/data/ecommerce_customers.csv";
	const char *html_path = argc > 2 ? argv[2] : NULL;
	cxm_csv_spec *spec = NULL;
	cxm_table *customers = NULL, *summary = NULL;
	cxm_persona_opts *opts = NULL;
	cxm_persona_set *set = NULL;
	char *text = NULL;
	int rc = 1;

	/* numbers where every field is one (an empty NPS answer is missing), text elsewhere */
	if (cxm_csv_spec_new(&spec) < 0 || cxm_csv_spec_set_infer_numbers(spec, 1) < 0 ||
	    cxm_table_read_csv(&customers, path, spec) < 0) {
		rc = fail(path);
		goto done;
	}
	/* roles by column names; the NPS column named; a seed for the names and the segments */
	if (cxm_persona_opts_new(&opts) < 0 || cxm_persona_opts_set_role(opts, CXM_PERSONA_ROLE_NPS, "nps") < 0 ||
	    cxm_persona_opts_set_seed(opts, 12) < 0 || cxm_persona_opts_set_reference_year(opts, 2025) < 0 ||
	    cxm_persona_opts_set_k_max(opts, 6) < 0) {
		rc = fail("options");
		goto done;
	}
	if (cxm_persona_build(&set, customers, opts) < 0) {
		rc = fail("personas");
		goto done;
	}
	printf("%zu customers, %zu personas\n", cxm_table_rows(customers), cxm_persona_set_count(set));
	/* the summary table: one row per persona */
	if (cxm_persona_set_summary(&summary, set) < 0 || cxm_table_render(&text, summary, CXM_FORMAT_CSV) < 0) {
		rc = fail("summary");
		goto done;
	}
	fputs(text, stdout);
	cxm_free(text);
	text = NULL;
	/* the first persona's card as Markdown */
	if (cxm_persona_set_count(set) > 0) {
		if (cxm_persona_render(&text, set, 0, CXM_PERSONA_MARKDOWN) < 0) {
			rc = fail("markdown");
			goto done;
		}
		fputs(text, stdout);
		cxm_free(text);
		text = NULL;
	}
	/* every card on one page */
	if (html_path) {
		FILE *f;
		if (cxm_persona_set_render(&text, set, CXM_PERSONA_HTML, "Personas of the e-commerce base") < 0) {
			rc = fail("html");
			goto done;
		}
		if (!(f = fopen(html_path, "w")) || fputs(text, f) < 0 || fclose(f) != 0) {
			fprintf(stderr, "%s: cannot write\n", html_path);
			goto done;
		}
		printf("cards written to %s\n", html_path);
	}
	rc = 0;
done:
	cxm_free(text);
	cxm_table_free(summary);
	cxm_persona_set_free(set);
	cxm_persona_opts_free(opts);
	cxm_table_free(customers);
	cxm_csv_spec_free(spec);
	return rc;
}
