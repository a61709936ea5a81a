/*
 * lib/persona/names_tables.c - the words of the persona module's
 * enumerations (names.h): column roles, output formats, NMF methods and the
 * constructs of the Persona Perception Scale.
 */
#include "names.h"
#include "persona_internal.h"

static const cxm__word persona_role_words[] = {
	{ "id", CXM_PERSONA_ROLE_ID },
	{ "segment", CXM_PERSONA_ROLE_SEGMENT },
	{ "gender", CXM_PERSONA_ROLE_GENDER },
	{ "age", CXM_PERSONA_ROLE_AGE },
	{ "birth_year", CXM_PERSONA_ROLE_BIRTH_YEAR },
	{ "location", CXM_PERSONA_ROLE_LOCATION },
	{ "country", CXM_PERSONA_ROLE_COUNTRY },
	{ "career", CXM_PERSONA_ROLE_CAREER },
	{ "comment", CXM_PERSONA_ROLE_COMMENT },
	{ "amount", CXM_PERSONA_ROLE_AMOUNT },
	{ "clv", CXM_PERSONA_ROLE_CLV },
	{ "nps", CXM_PERSONA_ROLE_NPS },
	{ "csat", CXM_PERSONA_ROLE_CSAT },
	{ "ces", CXM_PERSONA_ROLE_CES },
	{ "rfm_segment", CXM_PERSONA_ROLE_RFM_SEGMENT },
	{ "date", CXM_PERSONA_ROLE_DATE },
	{ "score", CXM_PERSONA_ROLE_SCORE },
	{ "ignore", CXM_PERSONA_ROLE_IGNORE }
};
const cxm__names cxm__persona_role_names = CXM__NAMES("role", persona_role_words, 0);

static const cxm__word persona_format_words[] = {
	{ "json", CXM_PERSONA_JSON }, { "markdown", CXM_PERSONA_MARKDOWN }, { "html", CXM_PERSONA_HTML },
	{ "md", CXM_PERSONA_MARKDOWN }
};
const cxm__names cxm__persona_format_names = CXM__NAMES("format", persona_format_words, 1);

static const cxm__word nmf_method_words[] = {
	{ "mu", CXM_NMF_MU }, { "hals", CXM_NMF_HALS },
	{ "cd", CXM_NMF_HALS }
};
const cxm__names cxm__nmf_method_names = CXM__NAMES("method", nmf_method_words, 1);

static const cxm__word pps_construct_words[] = {
	{ "credibility", CXM_PPS_CREDIBILITY },
	{ "consistency", CXM_PPS_CONSISTENCY },
	{ "completeness", CXM_PPS_COMPLETENESS },
	{ "clarity", CXM_PPS_CLARITY },
	{ "likability", CXM_PPS_LIKABILITY },
	{ "empathy", CXM_PPS_EMPATHY },
	{ "similarity", CXM_PPS_SIMILARITY },
	{ "willingness_to_use", CXM_PPS_WILLINGNESS }
};
const cxm__names cxm__pps_construct_names = CXM__NAMES("construct", pps_construct_words, 0);
