/*
 * lib/report/page.c - what the survey page (html.c) and the journey page
 * (journey_html.c) share, so that both read and behave alike: the script
 * that sorts a table by a click on its header, and how a number is printed
 * for people.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "page.h"

/* Sorting by a click on a header: numbers by data-v (empty = no value, always
 * last), texts by their text; a second click reverses. Nothing else runs. */
const char cxm__page_sort_script[] =
	"(function(){\n"
	"function key(c){var v=c.getAttribute('data-v');return v===null?c.textContent:v;}\n"
	"var ts=document.querySelectorAll('table.cxs-sort');\n"
	"Array.prototype.forEach.call(ts,function(t){\n"
	" var hs=t.tHead.rows[0].cells;\n"
	" Array.prototype.forEach.call(hs,function(h,j){\n"
	"  h.addEventListener('click',function(){\n"
	"   var asc=h.getAttribute('aria-sort')!=='ascending',num=h.getAttribute('data-num')==='1';\n"
	"   Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort');});\n"
	"   h.setAttribute('aria-sort',asc?'ascending':'descending');\n"
	"   var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);\n"
	"   rows.sort(function(a,b){\n"
	"    var x=key(a.cells[j]),y=key(b.cells[j]);\n"
	"    if(num){if(x===''||y==='')return x===y?0:(x===''?1:-1);x=parseFloat(x);y=parseFloat(y);}\n"
	"    var c=x<y?-1:(x>y?1:0);return asc?c:-c;});\n"
	"   rows.forEach(function(r){body.appendChild(r);});\n"
	"  });\n"
	" });\n"
	"});\n"
	"})();\n";

void cxm__page_value(cxm__buf *b, double x)
{
	char text[64];
	double ax = fabs(x);
	int dec;
	size_t n;
	if (isnan(x)) {
		cxm__buf_puts(b, "n/a");
		return;
	}
	if (!isfinite(x) || (ax != 0.0 && (ax < 1e-3 || ax >= 1e15))) {
		cxm__snprintf_c(text, sizeof text, "%.3g", x);
		cxm__buf_puts(b, text);
		return;
	}
	dec = ax == 0.0 ? 0 : 3 - (int)floor(log10(ax));
	dec = dec < 0 ? 0 : dec > 6 ? 6 : dec;
	cxm__snprintf_c(text, sizeof text, "%.*f", dec, x);
	if (strchr(text, '.')) {
		n = strlen(text);
		while (n > 0 && text[n - 1] == '0')
			text[--n] = '\0';
		if (n > 0 && text[n - 1] == '.')
			text[--n] = '\0';
	}
	cxm__buf_puts(b, strcmp(text, "-0") == 0 ? "0" : text);
}
