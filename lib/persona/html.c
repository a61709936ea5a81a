/*
 * lib/persona/html.c - a persona set as one self-contained HTML page of
 * cards (spec §15.7): inline CSS and SVG only, no script, no link to
 * anything outside the page. Each card: an avatar (the initials of the
 * name in a circle whose colour comes from the persona's id), the identity
 * line, a size bar, the identifiers as bars of their lift, demographics as
 * pairs of bars (segment above, population below), behaviour scores with
 * their 95% intervals on the score's scale, goals / problems / solutions,
 * quotes, interests and a provenance footer. Every text from the data is
 * HTML-escaped (and made valid UTF-8); withheld values read
 * "withheld (< min_n)".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "render.h"

#define WITHHELD "<span class=\"cxp-w\">withheld (&lt; min_n)</span>"
/* levels shown per categorical attribute before "and N more" */
#define MAX_LEVELS 6

static const char css[] =
	".cxp{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
	"color:#1f2933;background:#f4f5f7;padding:16px;line-height:1.35;font-size:13px}\n"
	".cxp *{box-sizing:border-box}\n"
	".cxp h1{font-size:22px;margin:0 0 4px}\n"
	".cxp-sub{color:#52606d;margin:0 0 14px}\n"
	".cxp-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px;align-items:start}\n"
	".cxp-card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.18);padding:14px 16px;"
	"border-top:5px solid var(--c)}\n"
	".cxp-card>header{display:flex;gap:12px;align-items:center}\n"
	".cxp-card h2{font-size:18px;margin:0}\n"
	".cxp-id{color:#52606d;font-size:12px}\n"
	".cxp-ident{margin:2px 0 0;color:#323f4b}\n"
	".cxp-card h3{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#52606d;"
	"margin:12px 0 4px;padding-bottom:2px;border-bottom:1px solid #e4e7eb}\n"
	".cxp-row{display:grid;grid-template-columns:34% 1fr 38%;gap:8px;align-items:center;margin:3px 0}\n"
	".cxp-lab{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
	".cxp-lab.cxp-wrap{white-space:normal;overflow-wrap:anywhere}\n"
	".cxp-val{color:#3e4c59;font-size:12px}\n"
	".cxp-bar{background:#e4e7eb;border-radius:3px;height:9px;position:relative;overflow:hidden}\n"
	".cxp-bar>i{display:block;height:100%;background:var(--c)}\n"
	".cxp-bar>b{position:absolute;top:0;bottom:0;width:2px;background:#1f2933}\n"
	".cxp-pair .cxp-bar{height:6px;margin:1px 0}\n"
	".cxp-pair .cxp-bar.cxp-pop>i{background:#9aa5b1}\n"
	".cxp-attr{margin:6px 0 2px;font-weight:600}\n"
	".cxp-w{color:#8d2b0b;font-style:italic}\n"
	".cxp-card ul{margin:2px 0;padding-left:18px}\n"
	".cxp-src{color:#7b8794;font-size:11px}\n"
	".cxp-quote{border-left:3px solid var(--c);margin:6px 0;padding:2px 8px;color:#3e4c59;font-style:italic}\n"
	".cxp-card>footer,.cxp-foot{margin-top:12px;color:#7b8794;font-size:11px}\n"
	".cxp-supp{background:#eef0f2;border-top-color:#9aa5b1}\n"
	".cxp-legend{color:#52606d;font-size:11px;margin:2px 0}\n"
	"@media print{.cxp{background:#fff}.cxp-card{box-shadow:none;border:1px solid #cbd2d9;break-inside:avoid}}\n";

/* ---- text ------------------------------------------------------------------------------------ */

/* Text from the data, escaped for HTML (valid UTF-8; control characters as spaces). */
static void h(cxm__buf *b, const char *s)
{
	cxm__buf_html(b, s);
}

/* A number as fmt writes it, or "n/a" for NaN. */
static void num(cxm__buf *b, const char *fmt, double x)
{
	if (isnan(x))
		cxm__buf_puts(b, "n/a");
	else
		cxm__buf_printf(b, fmt, x);
}

static void pct(cxm__buf *b, double x)
{
	num(b, "%.1f%%", x);
}

/* A width in percent of a bar, clipped to 0..100 (NaN: 0). */
static double clip(double x)
{
	return !(x > 0.0) ? 0.0 : x > 100.0 ? 100.0 : x;
}

static void bar(cxm__buf *b, const char *cls, double width, double marker)
{
	cxm__buf_printf(b, "<div class=\"cxp-bar%s%s\"><i style=\"width:%.1f%%\"></i>", cls ? " " : "", cls ? cls : "",
			clip(width));
	if (!isnan(marker))
		cxm__buf_printf(b, "<b style=\"left:%.1f%%\"></b>", clip(marker));
	cxm__buf_puts(b, "</div>");
}

/* The colour of a persona: a hue from the FNV-1a hash of its id. */
static unsigned hue(const char *id)
{
	uint32_t x = 2166136261u;
	const unsigned char *p = (const unsigned char *)(id ? id : "");
	for (; *p; p++)
		x = (x ^ *p) * 16777619u;
	return (unsigned)(x % 360u);
}

/* The initials of a name: the first character of its first and last words (at most two). */
static void initials(cxm__buf *b, const char *name)
{
	const char *words[2] = { NULL, NULL };
	const char *p;
	int i, at_start = 1;
	for (p = name; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '\t') {
			at_start = 1;
		} else if (at_start) {
			at_start = 0;
			if (!words[0])
				words[0] = p;
			else
				words[1] = p;
		}
	}
	for (i = 0; i < 2 && words[i]; i++) {
		char one[8];
		size_t n = 1, len = strlen(words[i]);
		unsigned char c = (unsigned char)words[i][0];
		n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (n > len)
			n = len;
		memcpy(one, words[i], n);
		one[n] = '\0';
		if (n == 1 && c >= 'a' && c <= 'z')
			one[0] = (char)(c - 'a' + 'A');
		h(b, one);
	}
}

static void avatar(cxm__buf *b, const cxm__persona *p)
{
	const char *who = p->name ? p->name : p->id ? p->id : "?";
	cxm__buf_printf(b, "<svg width=\"56\" height=\"56\" viewBox=\"0 0 56 56\" role=\"img\" aria-label=\"");
	h(b, who);
	if (p->suppressed)
		cxm__buf_puts(b, "\"><circle cx=\"28\" cy=\"28\" r=\"28\" fill=\"#9aa5b1\"/>");
	else
		cxm__buf_printf(b, "\"><circle cx=\"28\" cy=\"28\" r=\"28\" fill=\"hsl(%u,55%%,42%%)\"/>", hue(p->id));
	cxm__buf_puts(b, "<text x=\"28\" y=\"29\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"21\" "
		      "font-weight=\"600\" fill=\"#fff\" font-family=\"system-ui,Arial,sans-serif\">");
	if (p->suppressed)
		cxm__buf_puts(b, "&#8211;");
	else
		initials(b, who);
	cxm__buf_puts(b, "</text></svg>");
}

/* ---- parts of a card ------------------------------------------------------------------------ */

/* " · value share%" of a modal value, the withheld note, or nothing. */
static int modal(cxm__buf *b, const cxm__persona *p, const cxm__modal *m, const char *role, int any)
{
	if (m->value) {
		cxm__buf_puts(b, any ? " &#183; " : "");
		h(b, m->value);
		if (!isnan(m->share)) {
			cxm__buf_puts(b, " <span class=\"cxp-val\">");
			num(b, "%.0f%%", m->share);
			cxm__buf_puts(b, "</span>");
		}
		return 1;
	}
	if (cxm__persona_modal_withheld(p, m, role)) {
		cxm__buf_printf(b, "%s%s " WITHHELD, any ? " &#183; " : "", role);
		return 1;
	}
	return 0;
}

static void identity(cxm__buf *b, const cxm__persona *p)
{
	int any;
	cxm__buf_puts(b, "<p class=\"cxp-ident\">");
	any = modal(b, p, &p->gender, "gender", 0);
	if (!isnan(p->age)) {
		cxm__buf_printf(b, "%s%.4g years", any ? " &#183; " : "", p->age);
		if (p->age_band) {
			cxm__buf_puts(b, " (");
			h(b, p->age_band);
			cxm__buf_putc(b, ')');
		}
		any = 1;
	} else if (cxm__persona_age_withheld(p)) {
		cxm__buf_printf(b, "%sage " WITHHELD, any ? " &#183; " : "");
		any = 1;
	}
	any |= modal(b, p, &p->location, "location", any);
	any |= modal(b, p, &p->country, "country", any);
	any |= modal(b, p, &p->career, "career", any);
	if (!any)
		cxm__buf_puts(b, "<span class=\"cxp-val\">no identity attributes</span>");
	cxm__buf_puts(b, "</p>");
}

static void size_row(cxm__buf *b, const cxm__persona *p)
{
	cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">Customers</span>");
	bar(b, NULL, p->share, NAN);
	cxm__buf_puts(b, "<span class=\"cxp-val\">");
	num(b, "%.0f", p->size);
	cxm__buf_puts(b, " &#183; ");
	pct(b, p->share);
	cxm__buf_puts(b, "</span></div>");
	if (!isnan(p->revenue_share)) {
		cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">Revenue</span>");
		bar(b, NULL, p->revenue_share, NAN);
		cxm__buf_puts(b, "<span class=\"cxp-val\">");
		num(b, "%.0f", p->revenue);
		cxm__buf_puts(b, " &#183; ");
		pct(b, p->revenue_share);
		cxm__buf_puts(b, "</span></div>");
	}
}

static void identifiers(cxm__buf *b, const cxm__persona *p)
{
	double top = 2.0;
	size_t i;
	if (p->n_identifiers == 0)
		return;
	for (i = 0; i < p->n_identifiers; i++)
		if (p->identifiers[i].lift > top)
			top = p->identifiers[i].lift;
	cxm__buf_puts(b, "<h3>What sets them apart</h3>");
	cxm__buf_puts(b, "<p class=\"cxp-legend\">bar: lift (segment / population; for a number, of the means); the "
		      "line marks 1; d: standardised difference</p>");
	for (i = 0; i < p->n_identifiers; i++) {
		const cxm__identifier *d = &p->identifiers[i];
		cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab cxp-wrap\" title=\"");
		h(b, d->attribute);
		cxm__buf_puts(b, "\">");
		h(b, d->attribute);
		cxm__buf_puts(b, d->numeric ? " " : " = ");
		h(b, d->value);
		cxm__buf_puts(b, "</span>");
		bar(b, NULL, 100.0 * d->lift / top, 100.0 / top);
		cxm__buf_puts(b, "<span class=\"cxp-val\">");
		if (d->numeric) {
			/* a ratio of means says little (birth years): the standardised difference does */
			cxm__buf_puts(b, "mean ");
			cxm__persona_put_value(b, d->share, 0);
			cxm__buf_puts(b, " vs ");
			cxm__persona_put_value(b, d->population_share, 0);
			cxm__buf_puts(b, " &#183; d ");
			num(b, "%+.2f", d->std_difference);
		} else {
			cxm__buf_puts(b, "&#215;");
			num(b, "%.2f", d->lift);
			cxm__buf_puts(b, " &#183; ");
			pct(b, d->share);
			cxm__buf_puts(b, " vs ");
			pct(b, d->population_share);
		}
		cxm__buf_puts(b, " &#183; q ");
		num(b, "%.2g", d->q_value);
		cxm__buf_puts(b, "</span></div>");
	}
}

/* Two bars, the segment's above the population's. */
static void pair(cxm__buf *b, double segment, double population)
{
	cxm__buf_puts(b, "<div class=\"cxp-pair\">");
	bar(b, NULL, segment, NAN);
	bar(b, "cxp-pop", population, NAN);
	cxm__buf_puts(b, "</div>");
}

static void attribute(cxm__buf *b, const cxm__attribute *a, const char *title)
{
	size_t i, shown = 0, hidden = 0;
	cxm__buf_puts(b, "<div class=\"cxp-attr\">");
	h(b, title ? title : a->name);
	if (!title && a->role && strcmp(a->role, "attribute") != 0) {
		cxm__buf_puts(b, " <span class=\"cxp-src\">");
		h(b, a->role);
		cxm__buf_puts(b, "</span>");
	}
	cxm__buf_puts(b, "</div>");
	if (a->withheld) {
		cxm__buf_puts(b, "<div>" WITHHELD "</div>");
		return;
	}
	if (!a->categorical) {
		double top = fmax(fabs(a->mean), fabs(a->population_mean));
		cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">mean</span>");
		pair(b, top > 0 ? 100.0 * fabs(a->mean) / top : 0.0, top > 0 ? 100.0 * fabs(a->population_mean) / top : 0.0);
		cxm__buf_puts(b, "<span class=\"cxp-val\">");
		cxm__persona_put_value(b, a->mean, 0);
		cxm__buf_puts(b, " / ");
		cxm__persona_put_value(b, a->population_mean, 0);
		cxm__buf_puts(b, "</span></div><div class=\"cxp-legend\">median ");
		cxm__persona_put_value(b, a->median, 0);
		cxm__buf_puts(b, " (population ");
		cxm__persona_put_value(b, a->population_median, 0);
		cxm__buf_puts(b, "), middle half ");
		cxm__persona_put_value(b, a->p25, 0);
		cxm__buf_puts(b, "&#8211;");
		cxm__persona_put_value(b, a->p75, 0);
		cxm__buf_puts(b, "</div>");
		return;
	}
	for (i = 0; i < a->n_levels; i++) {
		const cxm__cell *c = &a->levels[i];
		if (c->withheld) {
			hidden++;
			continue;
		}
		if (shown++ >= MAX_LEVELS)
			continue;
		cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">");
		h(b, c->level);
		cxm__buf_puts(b, "</span>");
		pair(b, c->share, c->population_share);
		cxm__buf_puts(b, "<span class=\"cxp-val\">");
		pct(b, c->share);
		cxm__buf_puts(b, " / ");
		pct(b, c->population_share);
		cxm__buf_puts(b, "</span></div>");
	}
	if (shown > MAX_LEVELS)
		cxm__buf_printf(b, "<div class=\"cxp-legend\">and %zu more level%s</div>", shown - MAX_LEVELS,
				shown - MAX_LEVELS == 1 ? "" : "s");
	if (hidden > 0) {
		cxm__buf_printf(b, "<div class=\"cxp-legend\">%zu level%s " WITHHELD, hidden, hidden == 1 ? "" : "s");
		if (a->withheld_count > 0) {
			cxm__buf_puts(b, ", ");
			num(b, "%.0f", a->withheld_count);
			cxm__buf_puts(b, " customers together");
		}
		cxm__buf_puts(b, "</div>");
	}
	if (a->n_levels == 0)
		cxm__buf_puts(b, "<div class=\"cxp-legend\">no values</div>");
}

/* x on [lo, hi] as 4..196 of a 200-wide SVG. */
static double xpos(double x, double lo, double hi)
{
	double t = (x - lo) / (hi - lo);
	if (!(t >= 0.0))
		t = 0.0;
	if (t > 1.0)
		t = 1.0;
	return 4.0 + 192.0 * t;
}

static void score(cxm__buf *b, const cxm__score *s)
{
	double lo = s->scale_lo, hi = s->scale_hi;
	int is_nps = s->kind && strcmp(s->kind, "nps") == 0, is_csat = s->kind && strcmp(s->kind, "csat") == 0;
	const char *f = is_nps || is_csat ? "%.1f" : "%.2f";
	if (is_nps) {
		lo = -100.0;
		hi = 100.0;
	} else if (is_csat) {
		lo = 0.0;
		hi = 100.0;
	} else if (!(isfinite(lo) && isfinite(hi) && hi > lo)) {
		lo = fmin(fmin(s->lower, s->value), s->population_value);
		hi = fmax(fmax(s->upper, s->value), s->population_value);
		if (!(isfinite(lo) && isfinite(hi) && hi > lo)) {
			lo = 0.0;
			hi = 1.0;
		}
	}
	cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">");
	h(b, s->name);
	cxm__buf_puts(b, "</span>");
	if (s->withheld) {
		cxm__buf_puts(b, "<span></span><span class=\"cxp-val\">" WITHHELD "</span></div>");
		return;
	}
	cxm__buf_puts(b, "<svg width=\"100%\" height=\"14\" viewBox=\"0 0 200 14\" preserveAspectRatio=\"none\" "
		      "role=\"img\"><line x1=\"4\" y1=\"7\" x2=\"196\" y2=\"7\" stroke=\"#cbd2d9\" stroke-width=\"2\"/>");
	if (!isnan(s->lower) && !isnan(s->upper))
		cxm__buf_printf(b, "<line x1=\"%.1f\" y1=\"7\" x2=\"%.1f\" y2=\"7\" style=\"stroke:var(--c)\" "
				"stroke-width=\"5\"/>", xpos(s->lower, lo, hi), xpos(s->upper, lo, hi));
	if (!isnan(s->population_value))
		cxm__buf_printf(b, "<line x1=\"%.1f\" y1=\"1\" x2=\"%.1f\" y2=\"13\" stroke=\"#1f2933\" stroke-width=\"2\"/>",
				xpos(s->population_value, lo, hi), xpos(s->population_value, lo, hi));
	if (!isnan(s->value))
		cxm__buf_printf(b, "<rect x=\"%.1f\" y=\"2\" width=\"4\" height=\"10\" fill=\"#1f2933\"/>",
				xpos(s->value, lo, hi) - 2.0);
	cxm__buf_puts(b, "</svg><span class=\"cxp-val\">");
	num(b, f, s->value);
	cxm__buf_puts(b, is_csat ? "% [" : " [");
	num(b, f, s->lower);
	cxm__buf_puts(b, ", ");
	num(b, f, s->upper);
	cxm__buf_puts(b, "] &#183; pop. ");
	num(b, f, s->population_value);
	cxm__buf_puts(b, " &#183; n ");
	num(b, "%.0f", s->n);
	cxm__buf_puts(b, "</span></div>");
}

static void behaviour(cxm__buf *b, const cxm__persona *p)
{
	size_t i;
	if (!p->rfm_mix && isnan(p->clv_mean) && isnan(p->clv_median) && p->n_scores == 0)
		return;
	cxm__buf_puts(b, "<h3>Behaviour</h3>");
	if (p->rfm_mix)
		attribute(b, p->rfm_mix, "RFM mix");
	if (!isnan(p->clv_mean) || !isnan(p->clv_median)) {
		cxm__buf_puts(b, "<div class=\"cxp-legend\">CLV: mean ");
		num(b, "%.2f", p->clv_mean);
		cxm__buf_puts(b, ", median ");
		num(b, "%.2f", p->clv_median);
		cxm__buf_puts(b, "</div>");
	}
	if (p->n_scores > 0)
		cxm__buf_puts(b, "<p class=\"cxp-legend\">scores: 95% interval (bar), value (box), population "
			      "(line)</p>");
	for (i = 0; i < p->n_scores; i++)
		score(b, &p->scores[i]);
}

static void statements(cxm__buf *b, const char *title, const cxm__statement *s, size_t n)
{
	size_t i;
	if (n == 0)
		return;
	cxm__buf_printf(b, "<h3>%s</h3><ul>", title);
	for (i = 0; i < n; i++) {
		cxm__buf_puts(b, "<li>");
		h(b, s[i].text);
		if (s[i].source) {
			cxm__buf_puts(b, " <span class=\"cxp-src\">");
			h(b, s[i].source);
			cxm__buf_puts(b, "</span>");
		}
		cxm__buf_puts(b, "</li>");
	}
	cxm__buf_puts(b, "</ul>");
}

static void provenance_text(cxm__buf *b, const cxm__provenance *pv)
{
	cxm__buf_puts(b, "method ");
	if (pv->method)
		h(b, pv->method);
	else
		cxm__buf_puts(b, "n/a");
	cxm__buf_printf(b, " &#183; k %zu &#183; seed %llu", pv->k, (unsigned long long)pv->seed);
	if (pv->quality_measure) {
		cxm__buf_puts(b, " &#183; ");
		h(b, pv->quality_measure);
		cxm__buf_putc(b, ' ');
		num(b, "%.3g", pv->quality);
	}
	if (pv->window_start || pv->window_end) {
		cxm__buf_puts(b, " &#183; data ");
		h(b, pv->window_start ? pv->window_start : "?");
		cxm__buf_puts(b, " to ");
		h(b, pv->window_end ? pv->window_end : "?");
	}
	cxm__buf_printf(b, " &#183; min_n %zu", pv->min_n);
}

static void card(cxm__buf *b, const cxm_persona_set *set, const cxm__persona *p)
{
	size_t i;
	cxm__buf_printf(b, "<article class=\"cxp-card%s\" style=\"--c:hsl(%u,55%%,42%%)\"><header>",
			p->suppressed ? " cxp-supp" : "", hue(p->id));
	avatar(b, p);
	cxm__buf_puts(b, "<div><h2>");
	h(b, p->suppressed || !p->name ? p->id : p->name);
	cxm__buf_puts(b, "</h2><div class=\"cxp-id\">");
	h(b, p->id);
	if (p->segment) {
		cxm__buf_puts(b, " &#183; segment ");
		h(b, p->segment);
	}
	cxm__buf_puts(b, "</div>");
	if (!p->suppressed)
		identity(b, p);
	cxm__buf_puts(b, "</div></header>");
	if (p->suppressed) {
		cxm__buf_printf(b, "<p>Suppressed, " WITHHELD ": this segment has fewer than %zu customers, so nothing "
				"about it is shown.</p>", set->provenance.min_n);
	} else {
		cxm__buf_puts(b, "<h3>Size</h3>");
		size_row(b, p);
		identifiers(b, p);
		if (p->n_demographics > 0) {
			cxm__buf_puts(b, "<h3>Demographics</h3><p class=\"cxp-legend\">segment (upper bar) and "
				      "population (lower bar)</p>");
			for (i = 0; i < p->n_demographics; i++)
				attribute(b, &p->demographics[i], NULL);
		}
		behaviour(b, p);
		statements(b, "Goals", p->goals, p->n_goals);
		statements(b, "Problems", p->problems, p->n_problems);
		statements(b, "Solutions", p->solutions, p->n_solutions);
		if (p->n_quotes > 0) {
			cxm__buf_puts(b, "<h3>In their words</h3>");
			for (i = 0; i < p->n_quotes; i++) {
				cxm__buf_puts(b, "<blockquote class=\"cxp-quote\">&#8220;");
				h(b, p->quotes[i].text);
				cxm__buf_puts(b, "&#8221;</blockquote>");
			}
		}
		if (p->n_interests > 0) {
			double top = 0.0;
			for (i = 0; i < p->n_interests; i++)
				if (p->interests[i].weight > top)
					top = p->interests[i].weight;
			cxm__buf_puts(b, "<h3>Interests</h3>");
			for (i = 0; i < p->n_interests; i++) {
				cxm__buf_puts(b, "<div class=\"cxp-row\"><span class=\"cxp-lab\">");
				h(b, p->interests[i].item);
				cxm__buf_puts(b, "</span>");
				bar(b, NULL, top > 0 ? 100.0 * p->interests[i].weight / top : 0.0, NAN);
				cxm__buf_puts(b, "<span class=\"cxp-val\">");
				num(b, "%.3g", p->interests[i].weight);
				cxm__buf_puts(b, "</span></div>");
			}
		}
		if (p->group) {
			cxm__buf_puts(b, "<p class=\"cxp-legend\">group it fits best: ");
			h(b, p->group);
			cxm__buf_puts(b, " (weight ");
			num(b, "%.3g", p->group_weight);
			cxm__buf_puts(b, ")</p>");
		}
	}
	cxm__buf_puts(b, "<footer>");
	provenance_text(b, &set->provenance);
	if (p->name_key) {
		cxm__buf_puts(b, " &#183; name from ");
		h(b, p->name_key);
	}
	cxm__buf_puts(b, "</footer></article>\n");
}

void cxm__persona_html_page(cxm__buf *b, const cxm_persona_set *set, const char *title)
{
	const cxm__provenance *pv = &set->provenance;
	size_t i;
	if (!title)
		title = "Personas";
	cxm__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	h(b, title);
	cxm__buf_printf(b, "</title>\n<style>\nbody{margin:0;background:#f4f5f7}\n%s</style>\n</head>\n<body>\n"
			"<div class=\"cxp\">\n<h1>", css);
	h(b, title);
	cxm__buf_printf(b, "</h1>\n<p class=\"cxp-sub\">%zu persona%s from ", set->n_personas,
			set->n_personas == 1 ? "" : "s");
	num(b, "%.0f", pv->customers);
	cxm__buf_puts(b, " customers");
	if (pv->suppressed_personas > 0)
		cxm__buf_printf(b, " (%zu suppressed)", pv->suppressed_personas);
	cxm__buf_printf(b, ". Nothing shown comes from fewer than %zu customers (min_n).</p>\n"
			"<div class=\"cxp-grid\">\n", pv->min_n);
	for (i = 0; i < set->n_personas; i++)
		card(b, set, &set->personas[i]);
	cxm__buf_puts(b, "</div>\n<footer class=\"cxp-foot\">");
	provenance_text(b, pv);
	cxm__buf_puts(b, " &#183; FDR ");
	num(b, "%.3g", pv->fdr);
	if (pv->reference_year)
		cxm__buf_printf(b, " &#183; ages in %d", pv->reference_year);
	if (pv->segment_column) {
		cxm__buf_puts(b, " &#183; segments from column ");
		h(b, pv->segment_column);
	}
	if (pv->names_source) {
		cxm__buf_puts(b, " &#183; names: ");
		h(b, pv->names_source);
	}
	if (pv->rules_name) {
		cxm__buf_puts(b, " &#183; rules: ");
		h(b, pv->rules_name);
	}
	cxm__buf_puts(b, "</footer>\n</div>\n</body>\n</html>\n");
}

void cxm__persona_html_fragment(cxm__buf *b, const cxm_persona_set *set, const cxm__persona *p)
{
	cxm__buf_printf(b, "<div class=\"cxp\"><style>\n%s</style>\n", css);
	card(b, set, p);
	cxm__buf_puts(b, "</div>\n");
}
