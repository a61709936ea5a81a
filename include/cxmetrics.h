/*
 * cxmetrics.h - libcxmetrics, customer-experience analytics in C.
 *
 * The umbrella header: include this one. Conventions (errors, ownership,
 * threads, units) are in docs/conventions.md and in each module header.
 */
#ifndef CXMETRICS_H
#define CXMETRICS_H

#include "cxmetrics/common.h"
#include "cxmetrics/version.h"
#include "cxmetrics/threads.h"
#include "cxmetrics/errors.h"
#include "cxmetrics/names.h"
#include "cxmetrics/stats.h"
#include "cxmetrics/scores.h"
#include "cxmetrics/times.h"
#include "cxmetrics/rates.h"
#include "cxmetrics/clv.h"
#include "cxmetrics/clvmodel.h"
#include "cxmetrics/rfm.h"
#include "cxmetrics/txlog.h"
#include "cxmetrics/cluster.h"
#include "cxmetrics/segment.h"
#include "cxmetrics/persona.h"
#include "cxmetrics/io.h"
#include "cxmetrics/table.h"
#include "cxmetrics/report.h"
#include "cxmetrics/drivers.h"
#include "cxmetrics/themes.h"
#include "cxmetrics/events.h"
#include "cxmetrics/cohort.h"
#include "cxmetrics/funnel.h"
#include "cxmetrics/paths.h"
#include "cxmetrics/sys/alloc.h"
/* only with CXM_EXPERIMENTAL defined: functions whose form may still change */
#include "cxmetrics/experimental.h"

#endif
