# frozen_string_literal: true

# Cxmetrics - customer-experience metrics (NPS, CSAT, CES, rates, CLV, RFM)
# from libcxmetrics.
#
#   require "cxmetrics"
#   Cxmetrics.nps([0, 7, 7, 9, 9, 9]).nps          # => 33.333333333333336
#   Cxmetrics.nps_wald(291, 476, 395, z: 1.96).moe  # => 4.388...
#   Cxmetrics.csat([5, 4, 3, 1], scale: 1..5)       # => #<Cxmetrics::CsatResult ...>
#
# Two layers:
# * Cxmetrics::Native is the C API one to one (SWIG: bindings/ruby/ruby.i over
#   bindings/core.i and the headers): one module function per C function,
#   `cxm_` stripped (cxm_nps -> Native.nps), positional arguments, integer
#   enums (Native::NAN_OMIT), caller-sized outputs given their length
#   (Native.clv_p_alive(n, fit, f, r, t)), results as struct objects
#   (Native::Nps_result), handles (Native::Table, Native::Csv, ...) freed by
#   the garbage collector.
# * Cxmetrics (this file and cxmetrics/*.rb): module functions with keyword
#   arguments, words for enumerations (looked up in the C names tables),
#   results as frozen value objects with reader methods, #to_h, #to_s and
#   #inspect (their fields from Native::RESULT_FIELDS), tables as
#   Cxmetrics::Table. It converts arguments and wraps results; every metric,
#   word list, default that depends on data and derived number is the C
#   library's.
#
# Probabilistic CLV (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB, sBG) is
# Cxmetrics::ClvModel (cxmetrics/clvmodel.rb); the simple CLV formulas are
# Cxmetrics.clv_historic, clv_historic_from_totals and clv_margin.
# Clustering (k-means, k-prototypes, quality, choice of k, stability,
# profiles) is Cxmetrics::Cluster (cxmetrics/cluster.rb). Personas (records
# per segment, from behaviour, their match, the Persona Perception Scale) are
# Cxmetrics::Personas (cxmetrics/persona.rb).
#
# Errors: a failing C call raises a subclass of Cxmetrics::Error (generated from
# the C error table: EmptyInput, InvalidArgument, OutOfRange, ...), with the C
# message; #code is the C status and #name its symbolic name ("EMPTY", ...).
# A Ruby value of the wrong type (a Float range, a form's "9", nil, a Hash
# where a number goes) is Cxmetrics::ArgumentTypeError, an InvalidArgument
# (BAD_ARG) naming the argument and showing the value, whether the Ruby layer
# (convert.rb) or the extension saw it first: never a SWIG message.
#
# Results are values (cxmetrics/serial.rb): #to_h, #as_json / #to_json (NaN
# and infinities null, Symbols strings) and from_h / from_json on the class;
# words are Symbols (:adjusted_wald, :bgnbd, :converged). RFM and CLV take
# orders as an Array of Hashes too, and give the ids back as they were given
# (cxmetrics/orders.rb).
#
# Threads: the calls that take arrays, files or tables run without the GVL
# once the input is large (Native::NOGVL_MIN elements), so several Ruby
# threads compute in parallel. The inputs are copied before the GVL is
# released. ScoreAccumulator and RfmRules objects lock themselves, so sharing
# one between threads is safe.
require "cxmetrics/native"

module Cxmetrics
  # Version of the binding: the library version it was compiled against.
  VERSION = Native::VERSION_STRING

  linked = Native.version_string
  if linked.split(".")[0, 2] != VERSION.split(".")[0, 2]
    raise LoadError, "cxmetrics: the extension was built for libcxmetrics #{VERSION} " \
                     "but libcxmetrics #{linked} was loaded"
  end

  module_function

  # Version of the libcxmetrics actually loaded, "MAJOR.MINOR.PATCH".
  def library_version
    Native.version_string
  end

  # The Cxmetrics::Error subclass of a C status code (Error itself when unknown).
  #   Cxmetrics.error_class(-1)  # => Cxmetrics::EmptyInput
  def error_class(code)
    ERROR_CLASSES.find { |klass| klass::CODE == code } || Error
  end
end

require "cxmetrics/convert"
require "cxmetrics/serial" # issue 14: to_h / as_json / to_json / from_h / from_json
require "cxmetrics/orders" # issue 14: orders as an Array of Hashes, ids as given
require "cxmetrics/result"
require "cxmetrics/table"
require "cxmetrics/stats"
require "cxmetrics/scores"
require "cxmetrics/accumulator"
require "cxmetrics/times"
require "cxmetrics/rates"
require "cxmetrics/clv"
require "cxmetrics/clvmodel"
require "cxmetrics/rfm"
require "cxmetrics/cluster"
require "cxmetrics/rfm_data"
require "cxmetrics/segment"
require "cxmetrics/persona"
require "cxmetrics/io"
require "cxmetrics/report"
require "cxmetrics/txlog"
require "cxmetrics/drivers"
require "cxmetrics/themes"
require "cxmetrics/events" # issue 13: event logs (spec §21)
require "cxmetrics/cohort" # issue 13: cohorts (spec §24)
require "cxmetrics/pyramid" # issue 13: the CX Index and the CX pyramid (spec §25)
require "cxmetrics/funnel"
require "cxmetrics/paths" # issue 13: paths and touchpoints (spec §23)
require "cxmetrics/journey_html" # issue 13: the journey page (spec §26)
require "cxmetrics/threads" # issue 14: how many threads the library may start (threads.h)
