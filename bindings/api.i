/*
 * bindings/api.i - the public headers as SWIG reads them.
 *
 * The core interface %includes this after every typemap is in place, and
 * bindings/gen_swig.py reads the XML SWIG writes for it (`swig -xml`) to
 * derive the typemap applications and the Ruby GVL thunks: the headers are
 * listed once, here. The experimental API (experimental.h) is wrapped too;
 * its functions may change between releases.
 */
#define CXM_API
#define CXM_BEGIN_DECL
#define CXM_END_DECL
#define CXM_EXPERIMENTAL

%include <stdint.i>
%include "cxmetrics/common.h"
%include "cxmetrics/version.h"
%include "cxmetrics/threads.h"
%include "cxmetrics/errors.h"
%include "cxmetrics/names.h"
%include "cxmetrics/stats.h"
%include "cxmetrics/scores.h"
%include "cxmetrics/times.h"
%include "cxmetrics/rates.h"
%include "cxmetrics/clv.h"
%include "cxmetrics/clvmodel.h"
%include "cxmetrics/rfm.h"
%include "cxmetrics/txlog.h"
%include "cxmetrics/cluster.h"
%include "cxmetrics/segment.h"
%include "cxmetrics/io.h"
%include "cxmetrics/table.h"
%include "cxmetrics/report.h"
%include "cxmetrics/persona.h"
%include "cxmetrics/drivers.h"
%include "cxmetrics/themes.h"
%include "cxmetrics/events.h"
%include "cxmetrics/cohort.h"
%include "cxmetrics/funnel.h"
%include "cxmetrics/paths.h"
%include "cxmetrics/experimental.h"
