/*
 * tools/cxm/personas.c - `cxm personas`: persona records from a customer
 * table (spec §15), personas from behaviour (`cxm personas behaviour`), the
 * match of two persona sets (`cxm personas match`) and Persona Perception
 * Scale scores (`cxm personas pps`). Argument parsing and printing only: the
 * files are read into tables (cxm_table_read_csv, numbers inferred), and the
 * roles, the build, the writers, the factorisation, the matching and the
 * scores are the library's (persona.h).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv, cxm_csv_spec_set_infer_numbers */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cxmetrics/experimental.h"
#include "cli.h"

static const char personas_help[] =
	"Usage: cxm personas CUSTOMERS.csv [--id COL] [--segment COL] [--gender COL]\n"
	"           [--age COL | --birth-year COL] [--location COL] [--country COL]\n"
	"           [--career COL] [--comment COL] [--amount COL] [--clv COL] [--nps COL]\n"
	"           [--csat COL] [--ces COL] [--rfm-segment COL] [--date COL]\n"
	"           [--score COL ...] [--ignore COL ...] [--no-auto-roles] [--progress]\n"
	"           [--names FILE] [--rules FILE] [--min-n N] [--seed S]\n"
	"           [--reference-year Y] [--k-max K] [--threads N] [--delimiter C]\n"
	"           [--title TEXT] [--format json|md|html] [-o OUT]\n"
	"       cxm personas behaviour MATRIX.csv --k K [--top N] [--method mu|hals]\n"
	"           [--names FILE] [--min-n N] [--seed S] [--weights OUT.csv]\n"
	"           [--format json|md|html] [-o OUT]\n"
	"       cxm personas match OLD.json NEW.json [--format table|csv|json]\n"
	"       cxm personas pps ANSWERS.csv [--scale 1-7] [--format table|csv|json]\n"
	"\n"
	"Personas (spec 15): one record per segment of CUSTOMERS.csv (a row per\n"
	"customer): size, share of customers and revenue; identity (median age and\n"
	"band, modal gender, location and career, a seeded name from a names table\n"
	"keyed by gender x birth decade x country); its\n"
	"demographics next to the population's; the values that set it apart\n"
	"(identifiers: lift, difference, standardised difference, p and\n"
	"Benjamini-Hochberg q); behaviour scores with intervals; goals, problems and\n"
	"solutions from a rule table; quotes from its most typical customers; and\n"
	"provenance. No persona, cell or quote comes from fewer than --min-n\n"
	"customers (default 10): smaller ones are withheld and flagged.\n"
	"\n"
	"Columns: numbers are numbers, others categories (empty: missing). A role\n"
	"flag names a role's column; without one, columns are recognised by common\n"
	"names (id / customer_id, segment / cluster, gender / sex, age, birth_year /\n"
	"year_birth, city / location, country, job / career / occupation, comment /\n"
	"feedback, nps, csat, ces, clv / ltv, rfm_segment; case, '_', '-' and spaces\n"
	"ignored) unless --no-auto-roles. Every other column is an attribute.\n"
	"Without a segment column the customers are segmented by k-prototypes\n"
	"(k-means without categories), k = 2..--k-max chosen by silhouette.\n"
	"\n"
	"Options:\n"
	"  --id COL ... --date COL  the column of a role (see above; --comments is\n"
	"                       --comment); --score and --ignore may repeat\n"
	"  --names FILE         a names table (JSON, spec 15.3; default: built in)\n"
	"  --rules FILE         goal / problem / solution rules (JSON, spec 15.4)\n"
	"  --min-n N            the fewest customers behind anything shown (default 10)\n"
	"  --seed S             the seed of the names and of the segmentation (default 0)\n"
	"  --reference-year Y   the year ages are counted to (default: this year)\n"
	"  --k-max K            the largest k tried without a segment column (default 8)\n"
	"  --threads N          threads (default 1; results do not depend on it)\n"
	"  --progress           one line on stderr per k tried (no segment column)\n"
	"  --delimiter CHAR     field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --title TEXT         the heading of the HTML page (default \"Personas\")\n"
	"  --format json|md|html  JSON (default; schema cxmetrics.personas/1),\n"
	"                       Markdown, or one self-contained HTML page of cards\n"
	"  -o, --output OUT     write to OUT instead of standard output\n"
	"\n"
	"behaviour: personas from a groups x items matrix (one row per customer\n"
	"group: text columns describe it, number columns are its interactions with\n"
	"each item) by non-negative matrix factorisation with --k factors (spec\n"
	"15.8); --top N items per persona (default 5); --weights OUT.csv writes the\n"
	"groups' weights per persona.\n"
	"match: pair the personas of NEW.json with those of OLD.json (spec 15.9).\n"
	"pps: Persona Perception Scale answers, one row per respondent, a column per\n"
	"item named by its construct (credibility_1, ..., '_r' reverse-keyed): the\n"
	"constructs' means and Cronbach's alpha (spec 15.10); --scale LO-HI (default\n"
	"1-7).\n"
	"  -h, --help           this help\n"
	"\n"
	"Example:\n"
	"  cxm personas customers.csv --id customer_id --segment segment \\\n"
	"      --comment comment --seed 7 --format html -o personas.html\n";

/* An unsigned number option: 0 when absent or valid, else a usage error. */
static int uint_option(uint64_t *out, const char *cmd, const char *name, const char *v, uint64_t min, uint64_t max)
{
	char *end;
	unsigned long long x;
	if (!v)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (end == v || *end != '\0' || v[0] == '-' || errno == ERANGE || x < min || x > max)
		return cli_usage_error("%s: %s must be a whole number %llu .. %llu, not '%s'", cmd, name,
				       (unsigned long long)min, (unsigned long long)max, v);
	*out = (uint64_t)x;
	return 0;
}

/* Where the text goes: OUT, or standard output. 0 or an exit code. */
static int put_text(const char *text, const char *path, const char *what)
{
	FILE *f = stdout;
	if (path && !(f = fopen(path, "w")))
		return cli_data_error("%s: cannot write: %s", path, strerror(errno));
	fputs(text, f);
	if (path) {
		if (ferror(f) | fclose(f))
			return cli_data_error("%s: cannot write the %s", path, what);
		return 0;
	}
	return cli_finish_output(what);
}

/* Read a CSV file with its numbers inferred. 0 or an exit code. */
static int read_table(cxm_table **t, const char *path, const char *delimiter_word, const char *cmd)
{
	cxm_csv_spec *spec = NULL;
	char delimiter = ',';
	int rc;
	*t = NULL;
	if (delimiter_word && !cli_set_delimiter(&delimiter, delimiter_word))
		return cli_usage_error("%s: --delimiter must be one character (or 'tab'), not a quote or a line "
				       "break; got '%s'", cmd, delimiter_word);
	if ((rc = cxm_csv_spec_new(&spec)) < 0 || (rc = cxm_csv_spec_set_delimiter(spec, delimiter)) < 0 ||
	    (rc = cxm_csv_spec_set_infer_numbers(spec, 1)) < 0 || (rc = cxm_table_read_csv(t, path, spec)) < 0)
		rc = cli_library_error(rc, NULL); /* names the file, line and column */
	cxm_csv_spec_free(spec);
	return rc;
}

/* The format of a persona set: json (default), markdown / md, html. */
static int set_format(int *format, const char *v, const char *cmd)
{
	*format = CXM_PERSONA_JSON;
	if (v && cxm_names_parse(format, CXM_NAMES_PERSONA_FORMAT, v) < 0)
		return cli_usage_error("%s: --format must be json, md (markdown) or html, not '%s'", cmd, v);
	return 0;
}

/* A set written as asked. 0 or an exit code. */
static int write_set(const cxm_persona_set *set, int format, const char *title, const char *out)
{
	char *text = NULL;
	int rc = cxm_persona_set_render(&text, set, format, title);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	rc = put_text(text, out, "personas");
	cxm_free(text);
	return rc;
}

/* ---- cxm personas CUSTOMERS.csv ------------------------------------------------------------ */

/* The options of the main command: one per role (named from its word, '_'
 * as '-'), then the others. The role options come first, in role order. */
#define N_ROLES 18
#define MAX_REPEATED 256

struct build_ctx {
	const cli_option *opts;   /* the role options: opts[role] */
	const char *repeated[2][MAX_REPEATED]; /* SCORE, IGNORE columns in command-line order */
	size_t n_repeated[2];
};

static int collect_repeated(void *ctx_, const cli_option *o)
{
	struct build_ctx *ctx = ctx_;
	int k = o == &ctx->opts[CXM_PERSONA_ROLE_SCORE] ? 0 : o == &ctx->opts[CXM_PERSONA_ROLE_IGNORE] ? 1 : -1;
	if (k < 0)
		return 0;
	if (ctx->n_repeated[k] == MAX_REPEATED)
		return cli_usage_error("personas: at most %d %s options", MAX_REPEATED, o->name);
	ctx->repeated[k][ctx->n_repeated[k]++] = o->value;
	return 0;
}

static int load_tables(cxm_persona_names **names, cxm_persona_rules **rules, cxm_persona_opts *o,
		       const char *names_path, const char *rules_path)
{
	int rc;
	if (names_path) {
		if ((rc = cxm_persona_names_from_file(names, names_path)) < 0)
			return cli_library_error(rc, NULL);
		cxm_persona_opts_set_names(o, *names);
	}
	if (rules && rules_path) {
		if ((rc = cxm_persona_rules_from_file(rules, rules_path)) < 0)
			return cli_library_error(rc, NULL);
		cxm_persona_opts_set_rules(o, *rules);
	}
	return 0;
}

/* --progress: one line per fit of the automatic segmentation on stderr; never stops it. */
static int print_progress(void *user, size_t step, size_t total, double value)
{
	(void)user;
	(void)value;
	fprintf(stderr, "cxm personas: segmenting: k %zu of %zu tried\n", step, total);
	return 0;
}

static int build(int argc, char **argv)
{
	char role_names[N_ROLES][32];
	cli_option opts[N_ROLES + 16];
	size_t n_opts = 0, r;
	struct build_ctx ctx;
	cli_command cmd = { "personas", personas_help, opts, 0, collect_repeated, &ctx };
	const char *file, *v;
	cxm_table *t = NULL;
	cxm_persona_opts *o = NULL;
	cxm_persona_names *names = NULL;
	cxm_persona_rules *rules = NULL;
	cxm_persona_set *set = NULL;
	uint64_t x;
	int rc, format;

	if (cxm_names_count(CXM_NAMES_PERSONA_ROLE) != N_ROLES)
		return cli_data_error("personas: this cxm knows %d roles, the library %zu: rebuild cxm", N_ROLES,
				      cxm_names_count(CXM_NAMES_PERSONA_ROLE));
	memset(&ctx, 0, sizeof ctx);
	memset(opts, 0, sizeof opts);
	for (r = 0; r < N_ROLES; r++) { /* --id, --segment, ..., --birth-year, ..., --score, --ignore */
		const char *w = cxm_names_word(CXM_NAMES_PERSONA_ROLE, (int)r);
		size_t i;
		snprintf(role_names[r], sizeof role_names[r], "--%s", w ? w : "?");
		for (i = 2; role_names[r][i]; i++)
			if (role_names[r][i] == '_')
				role_names[r][i] = '-';
		opts[n_opts++].name = role_names[r];
	}
	{
		static const char *const more[] = { "--comments", "--names",   "--rules",   "--min-n",
						     "--seed",     "--reference-year", "--k-max", "--threads",
						     "--delimiter", "--title", "--format", "-o", "--output" };
		for (r = 0; r < sizeof more / sizeof *more; r++)
			opts[n_opts++].name = more[r];
		opts[n_opts].name = "--no-auto-roles";
		opts[n_opts++].flag = 1;
		opts[n_opts].name = "--progress";
		opts[n_opts++].flag = 1;
	}
	cmd.n_opts = n_opts;
	ctx.opts = opts;
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("personas: no input file given (see cxm personas --help)");
	if ((rc = set_format(&format, cli_opt(opts, n_opts, "--format"), "personas")) != 0)
		return rc;
	if ((rc = cxm_persona_opts_new(&o)) < 0)
		return cli_library_error(rc, NULL);
	for (r = 0; r < N_ROLES; r++) {
		if (r == CXM_PERSONA_ROLE_SCORE || r == CXM_PERSONA_ROLE_IGNORE) {
			size_t k, which = r == CXM_PERSONA_ROLE_SCORE ? 0 : 1;
			for (k = 0; k < ctx.n_repeated[which]; k++)
				if (cxm_persona_opts_set_role(o, (int)r, ctx.repeated[which][k]) < 0) {
					rc = cli_usage_library_error("personas: ");
					goto done;
				}
			continue;
		}
		v = opts[r].value;
		if (r == CXM_PERSONA_ROLE_COMMENT && !v)
			v = cli_opt(opts, n_opts, "--comments");
		if (v && cxm_persona_opts_set_role(o, (int)r, v) < 0) {
			rc = cli_usage_library_error("personas: ");
			goto done;
		}
	}
	if (cli_opt(opts, n_opts, "--progress"))
		cxm_persona_opts_set_progress(o, print_progress, NULL);
	if (cli_opt(opts, n_opts, "--no-auto-roles"))
		cxm_persona_opts_set_auto_roles(o, 0);
	x = CXM_PERSONA_MIN_N_DEFAULT;
	if ((rc = uint_option(&x, "personas", "--min-n", cli_opt(opts, n_opts, "--min-n"), 1, SIZE_MAX)) != 0)
		goto done;
	cxm_persona_opts_set_min_n(o, (size_t)x);
	x = 0;
	if ((rc = uint_option(&x, "personas", "--seed", cli_opt(opts, n_opts, "--seed"), 0, UINT64_MAX)) != 0)
		goto done;
	cxm_persona_opts_set_seed(o, x);
	if ((v = cli_opt(opts, n_opts, "--reference-year"))) {
		if ((rc = uint_option(&x, "personas", "--reference-year", v, 1800, 2200)) != 0)
			goto done;
		cxm_persona_opts_set_reference_year(o, (int)x);
	}
	if ((v = cli_opt(opts, n_opts, "--k-max"))) {
		if ((rc = uint_option(&x, "personas", "--k-max", v, 2, 64)) != 0)
			goto done;
		cxm_persona_opts_set_k_max(o, (size_t)x);
	}
	if ((v = cli_opt(opts, n_opts, "--threads"))) {
		if ((rc = uint_option(&x, "personas", "--threads", v, 0, 1024)) != 0)
			goto done;
		cxm_persona_opts_set_threads(o, (unsigned int)x);
	}
	if ((rc = load_tables(&names, &rules, o, cli_opt(opts, n_opts, "--names"), cli_opt(opts, n_opts, "--rules"))) != 0)
		goto done;
	if ((rc = read_table(&t, file, cli_opt(opts, n_opts, "--delimiter"), "personas")) != 0)
		goto done;
	if ((rc = cxm_persona_build(&set, t, o)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	v = cli_opt(opts, n_opts, "-o");
	rc = write_set(set, format, cli_opt(opts, n_opts, "--title"), v ? v : cli_opt(opts, n_opts, "--output"));
done:
	cxm_persona_set_free(set);
	cxm_table_free(t);
	cxm_persona_opts_free(o);
	cxm_persona_rules_free(rules);
	cxm_persona_names_free(names);
	return rc;
}

/* ---- cxm personas behaviour MATRIX.csv ----------------------------------------------------- */

static int behaviour(int argc, char **argv)
{
	cli_option opts[] = { { "--k", 0, NULL },       { "--top", 0, NULL },     { "--method", 0, NULL },
			      { "--names", 0, NULL },   { "--min-n", 0, NULL },   { "--seed", 0, NULL },
			      { "--weights", 0, NULL }, { "--format", 0, NULL },  { "--delimiter", 0, NULL },
			      { "--title", 0, NULL },   { "-o", 0, NULL },        { "--output", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "personas behaviour", personas_help, opts, n_opts, NULL, NULL };
	const char *file, *v;
	cxm_table *t = NULL, *w = NULL;
	cxm_persona_opts *o = NULL;
	cxm_persona_names *names = NULL;
	cxm_persona_set *set = NULL;
	uint64_t k = 0, top = 5, x;
	int rc, format, method = CXM_NMF_MU;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 3)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("personas behaviour: no input file given (see cxm personas --help)");
	if (!cli_opt(opts, n_opts, "--k"))
		return cli_usage_error("personas behaviour: --k K is needed: the number of personas (factors)");
	if ((rc = uint_option(&k, "personas behaviour", "--k", cli_opt(opts, n_opts, "--k"), 1, 1000)) != 0 ||
	    (rc = uint_option(&top, "personas behaviour", "--top", cli_opt(opts, n_opts, "--top"), 1, 100000)) != 0 ||
	    (rc = set_format(&format, cli_opt(opts, n_opts, "--format"), "personas behaviour")) != 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--method")) && cxm_names_parse(&method, CXM_NAMES_NMF_METHOD, v) < 0)
		return cli_usage_library_error("personas behaviour: --");
	if ((rc = cxm_persona_opts_new(&o)) < 0)
		return cli_library_error(rc, NULL);
	x = CXM_PERSONA_MIN_N_DEFAULT;
	if ((rc = uint_option(&x, "personas behaviour", "--min-n", cli_opt(opts, n_opts, "--min-n"), 1, SIZE_MAX)) != 0)
		goto done;
	cxm_persona_opts_set_min_n(o, (size_t)x);
	x = 0;
	if ((rc = uint_option(&x, "personas behaviour", "--seed", cli_opt(opts, n_opts, "--seed"), 0, UINT64_MAX)) != 0)
		goto done;
	cxm_persona_opts_set_seed(o, x);
	if ((rc = load_tables(&names, NULL, o, cli_opt(opts, n_opts, "--names"), NULL)) != 0 ||
	    (rc = read_table(&t, file, cli_opt(opts, n_opts, "--delimiter"), "personas behaviour")) != 0)
		goto done;
	if ((rc = cxm_persona_from_behaviour(&set, &w, t, (size_t)k, (size_t)top, method, o)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--weights"))) {
		char *csv = NULL;
		if ((rc = cxm_table_render(&csv, w, CXM_FORMAT_CSV)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
		rc = put_text(csv, v, "weights");
		cxm_free(csv);
		if (rc)
			goto done;
	}
	v = cli_opt(opts, n_opts, "-o");
	rc = write_set(set, format, cli_opt(opts, n_opts, "--title"), v ? v : cli_opt(opts, n_opts, "--output"));
done:
	cxm_persona_set_free(set);
	cxm_table_free(w);
	cxm_table_free(t);
	cxm_persona_opts_free(o);
	cxm_persona_names_free(names);
	return rc;
}

/* ---- match and pps: tables out ------------------------------------------------------------- */

static int table_format(int *format, const char *v, const char *cmd)
{
	*format = CXM_FORMAT_TEXT;
	if (v && (cxm_names_parse(format, CXM_NAMES_FORMAT, v) < 0 || *format == CXM_FORMAT_HTML)) /* html: the survey report's only */
		return cli_usage_error("%s: --format must be table, csv or json, not '%s'", cmd, v);
	return 0;
}

static int put_table(const cxm_table *t, int format, const char *what)
{
	char *text = NULL;
	int rc;
	if (format == CXM_FORMAT_TEXT) {
		cli_print_table(t);
		return cli_finish_output(what);
	}
	if ((rc = cxm_table_render(&text, t, format)) < 0)
		return cli_library_error(rc, NULL);
	rc = put_text(text, NULL, what);
	cxm_free(text);
	return rc;
}

static int match(int argc, char **argv)
{
	cli_option opts[] = { { "--format", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "personas match", personas_help, opts, n_opts, NULL, NULL };
	const char *old_path, *new_path;
	cxm_persona_set *old_set = NULL, *new_set = NULL;
	cxm_table *m = NULL;
	int rc, format;
	if (argc < 4 || argv[3][0] == '-') {
		if (argc >= 4 && (strcmp(argv[3], "-h") == 0 || strcmp(argv[3], "--help") == 0)) {
			fputs(personas_help, stdout);
			return 0;
		}
		return cli_usage_error("personas match: OLD.json NEW.json are needed, in that order (see cxm "
				       "personas --help)");
	}
	old_path = argv[3];
	if ((rc = cli_parse(&new_path, &cmd, argc, argv, 4)) >= 0)
		return rc;
	if (!new_path)
		return cli_usage_error("personas match: NEW.json is needed after OLD.json '%s'", old_path);
	if ((rc = table_format(&format, cli_opt(opts, n_opts, "--format"), "personas match")) != 0)
		return rc;
	if ((rc = cxm_persona_set_from_file(&old_set, old_path)) < 0 ||
	    (rc = cxm_persona_set_from_file(&new_set, new_path)) < 0 ||
	    (rc = cxm_persona_match(&m, old_set, new_set)) < 0)
		rc = cli_library_error(rc, NULL);
	else
		rc = put_table(m, format, "matches");
	cxm_table_free(m);
	cxm_persona_set_free(new_set);
	cxm_persona_set_free(old_set);
	return rc;
}

static int pps(int argc, char **argv)
{
	cli_option opts[] = { { "--scale", 0, NULL }, { "--format", 0, NULL }, { "--delimiter", 0, NULL },
			      { "--respondents", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "personas pps", personas_help, opts, n_opts, NULL, NULL };
	const char *file, *v;
	cxm_table *t = NULL, *out = NULL, *resp = NULL;
	int rc, format, lo = 1, hi = 7;
	if ((rc = cli_parse(&file, &cmd, argc, argv, 3)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("personas pps: no input file given (see cxm personas --help)");
	if ((rc = table_format(&format, cli_opt(opts, n_opts, "--format"), "personas pps")) != 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--scale"))) {
		char tail;
		if (sscanf(v, "%d-%d%c", &lo, &hi, &tail) != 2 || lo >= hi)
			return cli_usage_error("personas pps: --scale must be LO-HI with LO < HI, e.g. 1-7, not '%s'", v);
	}
	if ((rc = read_table(&t, file, cli_opt(opts, n_opts, "--delimiter"), "personas pps")) != 0)
		return rc;
	if ((rc = cxm_pps_score(&out, &resp, t, lo, hi)) < 0) {
		rc = cli_library_error(rc, file);
	} else if ((v = cli_opt(opts, n_opts, "--respondents"))) {
		char *csv = NULL;
		if ((rc = cxm_table_render(&csv, resp, CXM_FORMAT_CSV)) < 0)
			rc = cli_library_error(rc, NULL);
		else if ((rc = put_text(csv, v, "respondents")) == 0)
			rc = put_table(out, format, "constructs");
		cxm_free(csv);
	} else {
		rc = put_table(out, format, "constructs");
	}
	cxm_table_free(resp);
	cxm_table_free(out);
	cxm_table_free(t);
	return rc;
}

int cxm_cmd_personas(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[2], "behaviour") == 0)
		return behaviour(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "match") == 0)
		return match(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "pps") == 0)
		return pps(argc, argv);
	return build(argc, argv);
}
