# frozen_string_literal: true

module Cxmetrics
  # How many threads the library may start (cxmetrics/threads.h).
  #
  # Some functions split large inputs over threads (the README's "Threads"
  # section lists them); their results never depend on the count. The count a
  # call uses is, first match wins: the function's own threads: option where
  # it has one and it is not 0; Cxmetrics.threads = n with n > 0
  # (process-wide: every Ruby thread shares it); the environment variable
  # CXM_THREADS (an integer 1..1024, read at each call; anything else is
  # ignored); the online cores. With 1 no function starts a thread: a Puma or
  # Sidekiq process, which has threads of its own, sets
  #
  #   Cxmetrics.threads = 1   # e.g. in config/initializers/cxmetrics.rb
  #
  # once at boot.

  # The largest count threads= and CXM_THREADS accept (CXM_THREADS_MAX).
  THREADS_MAX = Native::THREADS_MAX

  module_function

  # Set the process-wide thread count: an Integer 0..THREADS_MAX, 0 going back
  # to the default. Another type (a String from a form, a Float, nil, true)
  # raises Cxmetrics::ArgumentTypeError, an Integer out of range
  # Cxmetrics::InvalidArgument, each naming the value; the setting is then
  # unchanged. Returns n.
  def set_threads(n)
    Convert.type_error("threads", "a whole number 0..#{THREADS_MAX}", n) unless n.is_a?(Integer)
    unless n.between?(0, THREADS_MAX)
      raise InvalidArgument, "BAD_ARG: threads = #{n} is outside 0..#{THREADS_MAX} (0 goes back to the default)"
    end

    Native.set_threads(n)
    n
  end

  # Cxmetrics.threads = n, the same as set_threads(n).
  def threads=(n)
    set_threads(n)
  end

  # The thread count a call without its own threads: would use now: the
  # threads= value, else CXM_THREADS if valid, else the online cores.
  def threads
    Native.threads
  end
end
