# frozen_string_literal: true

module Cxmetrics
  # Probabilistic customer lifetime value (clvmodel.h): customer summaries from
  # transaction logs, BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB and
  # shifted-beta-geometric models fitted by maximum likelihood, per-customer
  # predictions, discounted CLV and holdout evaluation. The simple CLV
  # formulas are Cxmetrics.clv_historic and friends (clv.rb).
  #
  #   summary = Cxmetrics::ClvModel.summary_from_transactions(ids, dates, amounts: spend,
  #                                                           calibration_end: "1997-09-30",
  #                                                           period: :week)
  #   bg = Cxmetrics::ClvModel::BetaGeo.new.fit(summary)
  #   bg.params                                   # => {r: 0.2425..., alpha: 4.41..., a: ..., b: ...}
  #   bg.expected_purchases(39, 2, 30.43, 38.86)  # => 1.2259...
  #   gg = Cxmetrics::ClvModel::GammaGamma.new.fit(summary)
  #   Cxmetrics::ClvModel.clv(bg, gg, summary)    # 12 months, 1 % a month: one per customer
  #
  # Time is in the summary's unit, its period (day, week or month); T is the
  # customer's age at the end of the calibration period. Per-customer
  # arguments are Arrays or scalars (broadcast), or one Table (a summary, or
  # a Hash of columns) holding the columns the model reads; all-scalar calls
  # return a Float. Everything a model is (its parameter names, the columns
  # it reads, what it predicts) and every derived number (periods per month,
  # the calibration end) comes from the library. Fits and predictions on
  # large inputs run without the GVL.
  module ClvModel
    # MAE and RMSE of predicted against actual holdout purchases, with the totals.
    HoldoutErrors = Result.for_native(:clv_holdout_errors)

    # What a model is (cxm_clv_model_describe): model (its word, :bgnbd), name
    # ("bgnbd"), label ("BG/NBD"), n_params, columns (the summary columns its
    # fit reads), optional (those it can do without) and predictions, as
    # Symbols: the words of the library's names tables.
    ModelInfo = Result.for_native(:clv_model_info) do
      symbols :model, :columns, :optional, :predictions

      def self.from_native(proxy)
        r = super
        new(**r.to_h.merge(model: Convert.symbol(Native::NAMES_CLV_MODEL, r.model),
                           columns: Convert.bits(Native::NAMES_CLV_COLUMN, r.columns),
                           optional: Convert.bits(Native::NAMES_CLV_COLUMN, r.optional),
                           predictions: Convert.bits(Native::NAMES_CLV_PREDICTION, r.predictions)))
      end
    end

    # A customer summary (summary_from_transactions): a Table with the
    # library's columns (id, frequency, recency, T, monetary_value; with a
    # holdout period also holdout_frequency and holdout_monetary_value) and
    # attributes (period, calibration_end, observation_end, holdout_duration,
    # dropped), customers in ascending byte order of their ids.
    class Summary < Table
      # True when the summary has a holdout period (and its columns).
      def holdout?
        column?(Native.names_word(Native::NAMES_CLV_COLUMN, Native::CLV_HOLDOUT_FREQUENCY))
      end
    end

    module_function

    # Per-customer frequency, recency, T and mean repeat value from a transaction
    # log, as lifetimes' summary_data_from_transaction_data -> Summary.
    # Same-day purchases count once; frequency = repeat purchase days up to
    # calibration_end; recency = last - first purchase; T = calibration_end -
    # first purchase; monetary_value = mean amount of the repeat purchase days.
    # Customers whose first purchase follows calibration_end are left out
    # (the attribute dropped counts them). dates: "YYYY-MM-DD" or "YYYYMMDD",
    # Date / Time or day numbers; calibration_end: nil is the last transaction
    # day; observation_end (default: no holdout) adds holdout_frequency /
    # holdout_monetary_value for (calibration_end, observation_end]. period:
    # :day, :week or :month (the library's words).
    # A missing id (nil, NaN, "") is never a customer (spec §16.3):
    # missing_ids: :error (default) raises InvalidArgument naming its row,
    # :drop leaves the row out and counts it (attrs "missing_id_rows").
    # quantity:, price: the amount as quantity x price; returns: nil (amounts
    # as given), :error, :drop or :net (spec §16.4); date_format:
    # strptime-style ("%m/%d/%Y %H:%M").
    #
    # The orders may be one Array of Hashes {customer_id:, date:, amount:}
    # (Symbol or String keys; amount optional) in place of customer_ids,
    # dates and amounts:
    #   ClvModel.summary_from_transactions(orders, period: :week)
    # Customers come back in the order of their first transaction, each id
    # the object given (Integer stays Integer; Orders.restore).
    def summary_from_transactions(customer_ids, dates = nil, amounts: nil, calibration_end: nil,
                                  observation_end: nil, period:, missing_ids: :error, returns: nil,
                                  quantity: nil, price: nil, date_format: nil)
      if dates.nil? && Orders.rows?(customer_ids)
        rows = customer_ids
        with_amounts = rows.all? { |r| r.key?(:amount) || r.key?("amount") }
        customer_ids, dates, amounts = Orders.columns(rows, keys: with_amounts ? Orders::KEYS : Orders::KEYS.first(2))
      end
      Convert.type_error("dates", "an Array of dates", dates) if dates.nil?
      ids = Convert.array(customer_ids, "customer_ids")
      Orders.restore(summary_of(ids, dates, amounts, calibration_end, observation_end, period, missing_ids,
                                returns, quantity, price, date_format),
                     ids, Txlog.ids(ids), :id)
    end

    def summary_of(customer_ids, dates, amounts, calibration_end, observation_end, period, missing_ids, returns,
                   quantity, price, date_format)
      cal = Convert.day_or_nan(calibration_end)
      obs = Convert.day_or_nan(observation_end)
      code = Convert.word(Native::NAMES_CLV_PERIOD, period)
      if Convert.word(Native::NAMES_MISSING_IDS, missing_ids) != Native::MISSING_IDS_ERROR || returns ||
         quantity || price || date_format
        # the raw-log path: cleaned, counted, then summarised
        log = Txlog.native_log(customer_ids, dates, amounts: amounts, quantity: quantity, price: price,
                                                    returns: returns || :keep, missing_ids: missing_ids,
                                                    date_format: date_format)
        return Summary.from_native(Native.clv_summary_from_log(log, cal, obs, code))
      end
      Summary.from_native(Native.clv_summary_from_transactions(
                            Txlog.ids(customer_ids), Convert.days(dates, "dates"),
                            amounts.nil? ? [] : Convert.array(amounts, "amounts"), cal, obs, code
                          ))
    end

    private_class_method :summary_of

    # Time units of a period in a month, as CLV counts months: the library's
    # numbers (4.345 weeks as lifetimes, 30.4375 days, 1 month).
    def periods_per_month(period)
      Native.clv_periods_per_month(Convert.word(Native::NAMES_CLV_PERIOD, period))
    end

    # Discounted CLV over `months` months per customer (lifetimes'
    # customer_lifetime_value): sum over months i of (E[X(T, T + i f)] -
    # E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, E from the purchase model,
    # profit from the GammaGamma spend_model and d the monthly discount: a
    # Number or one per customer. Positional arguments: frequency, recency, T,
    # monetary_value, or one summary Table.
    # f, the summary's time units in a month, is periods_per_month: when
    # given, else that of period: (:day, :week, :month), else that of the
    # summary Table's period, else that of the summary the model was fitted
    # on; with none of these, InvalidArgument.
    def clv(model, spend_model, frequency, recency = nil, age = nil, monetary_value = nil, months: Native::CLV_MONTHS_DEFAULT,
            discount: Native::CLV_DISCOUNT_DEFAULT, period: nil, periods_per_month: nil)
      fit = Model.fit_of(model)
      gg = Model.fit_of(spend_model)
      table = nil
      if recency.nil? && age.nil? && Model.table?(frequency)
        table = Model.to_table(frequency)
        frequency, recency, age = Model.class_of(fit).inputs_of(table)
        monetary_value = Model.class_of(gg).inputs_of(table).last
      end
      ppm = Model.periods_per_month_of(periods_per_month, period, table, model)
      if ppm.nil?
        raise InvalidArgument, "clv: the time unit of the summary is not known: give period: " \
                               "(#{Convert.words(Native::NAMES_CLV_PERIOD).join(', ')}) or periods_per_month:"
      end

      (f, r, a, m), scalar = Model.columns(frequency, recency, age, monetary_value)
      d = discount.is_a?(Numeric) ? [discount] : Convert.array(discount, "discount")
      out = Native.clv_discounted(f.size, fit, gg, f, r, a, m, months, d, ppm)
      scalar ? out.first : out
    end

    # The predictions of a fit for every customer of a summary Table, as a
    # Table (cxm_clv_predict_table): id, expected_purchases in the next t
    # periods and p_alive; with a GammaGamma spend_model also expected_profit
    # and clv (months, discount, and the periods per month as for clv; when
    # none is known the library takes the summary's period).
    def predict(model, summary, t:, spend_model: nil, months: Native::CLV_MONTHS_DEFAULT,
                discount: Native::CLV_DISCOUNT_DEFAULT, period: nil, periods_per_month: nil)
      table = Model.to_table(summary)
      ppm = Model.periods_per_month_of(periods_per_month, period, table, model) if spend_model
      out = Table.from_native(Native.clv_predict_table(table.native, Model.fit_of(model),
                                                       spend_model && Model.fit_of(spend_model), t, months,
                                                       discount, ppm || Float::NAN))
      # one row per summary row, in its order: the ids as the summary holds
      # them (a summary from Ruby orders has the caller's Integers)
      ids = table[:id] || table[:ID]
      return out unless ids && out.column?(:id) && out.size == ids.size

      Table.new(out.columns.merge(id: ids), attrs: out.attrs, row_name: out.row_name,
                                            types: { columns: out.types[:columns].merge(id: table.types[:columns][table[:id] ? :id : :ID]),
                                                     attrs: out.types[:attrs] })
    end

    # MAE and RMSE of predicted against actual holdout purchases -> HoldoutErrors.
    def holdout_errors(predicted, actual)
      HoldoutErrors.from_native(Native.clv_holdout_evaluate(Convert.array(predicted, "predicted"),
                                                            Convert.array(actual, "actual")))
    end

    # Mean predicted and mean actual holdout purchases by calibration frequency
    # 0..max_frequency (the last row gathers every higher frequency) -> Array of
    # {frequency:, predicted:, actual:, count:} (means NaN for an empty row).
    def calibration_table(frequency, predicted, actual, max_frequency: Native::CLV_CALIBRATION_ROWS_DEFAULT - 1)
      rows = max_frequency + 1
      mp, ma, cnt = Native.clv_calibration_table(rows, rows, rows, Convert.array(frequency, "frequency"),
                                                 Convert.array(predicted, "predicted"),
                                                 Convert.array(actual, "actual"))
      cnt.each_index.map do |i|
        { frequency: i, predicted: mp[i], actual: ma[i], count: cnt[i].to_i }
      end
    end

    # A fitted model of whichever class the JSON (Model#to_json) names.
    def model_from_json(text)
      Model.from_h(Serial.parse(text, "model_from_json"))
    end

    # Base of the model classes: the fit (a Native::Clv_fit_result, which the
    # Native functions take) and its accessors.
    class Model
      class << self
        # The C model number.
        attr_reader :model

        # What the model is -> ModelInfo (the library's description).
        def info
          @info ||= ModelInfo.from_native(Native.clv_model_describe(model))
        end

        # Parameter names in the C order, as Symbols.
        def param_names
          Array.new(info.n_params) { |i| Native.clv_param_name(model, i).to_sym }
        end

        # A model with known parameters: from_params(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4),
        # a Hash or an Array in param_names order. The library checks them.
        def from_params(values = nil, **kwargs)
          values ||= kwargs
          if values.is_a?(Hash)
            names = param_names
            values = values.transform_keys(&:to_sym)
            bad = values.keys - names
            missing = names - values.keys
            unless bad.empty? && missing.empty?
              raise InvalidArgument, "#{name.split('::').last} has parameters #{names.inspect}; " \
                                     "unknown #{bad.inspect}, missing #{missing.inspect}"
            end
            values = names.map { |n| values[n] }
          end
          fit = Native.clv_fit_result_from_params(model, Convert.array(values, "params"))
          new.tap { |m| m.send(:init_fit, fit) }
        end

        # A model read back from #to_json text (or written by hand: the
        # library's fit JSON, spec §8.13).
        def from_json(text)
          from_h(Serial.parse(text, "#{name}.from_json"))
        end

        # A model from a Hash as #to_h or #as_json gives it (Symbol or String
        # keys): the library reads and checks it as fit JSON (the model's
        # word, params and se by name, loglik, iterations, converged, status,
        # boundary_param); period is the summary's period, kept here. On
        # Model itself, the class is the one the Hash names.
        def from_h(hash)
          unless hash.is_a?(Hash)
            raise ArgumentTypeError, "#{name}.from_h: expected a Hash, got #{Convert.show(hash)}"
          end

          h = Serial.plain(hash)
          period = h.delete("period")
          h.delete("boundary_param") if h["boundary_param"].nil?
          fit = Native.clv_fit_result_from_json(JSON.generate(h))
          if model && fit.model != model
            raise InvalidArgument, "the JSON holds a #{Native.names_word(Native::NAMES_CLV_MODEL, fit.model)} " \
                                   "fit, not #{name}"
          end

          Model.class_of(fit).new.tap { |m| m.send(:init_fit, fit, period) }
        end

        # The columns of a table the model's fit and predictions read (the
        # library's description, optional ones left out), in the C order.
        def inputs_of(table)
          table = Model.to_table(table)
          (info.columns - info.optional).map do |name|
            # a missing column: the library's message names the table's columns
            table.column?(name) ? table[name] : Native.table_column_index(table.native, name.to_s)
          end
        end

        # [arrays, all_scalar]: per-customer arguments as Arrays of one length.
        def columns(*values)
          scalar = values.all? { |v| v.is_a?(Numeric) || v.nil? }
          arrays = values.map { |v| v.is_a?(Numeric) || v.nil? ? nil : Convert.array(v) }
          n = arrays.compact.map(&:size).max || 1
          [values.zip(arrays).map { |v, a| a || Array.new(n, v) }, scalar]
        end

        # The fit of a model (a Model, or a Native::Clv_fit_result as it is).
        def fit_of(model)
          return model.fit_result if model.is_a?(Model)
          return model if model.is_a?(Native::Clv_fit_result)

          Convert.type_error("model", "a fitted model (ClvModel::BetaGeo, ...)", model)
        end

        # The model class of a fit.
        def class_of(fit)
          CLASSES.fetch(fit.model)
        end

        def table?(x)
          x.is_a?(Table) || x.is_a?(Hash)
        end

        # A Table, or a Hash of columns as one.
        def to_table(x)
          x.is_a?(Table) ? x : Table.new(x)
        end

        # Periods per month from the first of: the number given, period:, the
        # table's period, the period the model was fitted on; nil when none.
        def periods_per_month_of(given, period, table, model)
          raise InvalidArgument, "give period: or periods_per_month:, not both" if given && period
          return given if given

          period ||= table&.attrs&.[](:period) || (model.period if model.is_a?(Model))
          period && ClvModel.periods_per_month(period)
        end
      end

      # The period (a word: "week") of the summary Table the model was fitted
      # on; nil for a fit to Arrays or from parameters.
      attr_reader :period

      # The fit as the Native functions take it (a Native::Clv_fit_result).
      def fit_result
        @fit or raise InvalidArgument, "#{self.class.name} is not fitted: call fit or from_params"
      end

      # The fit as a frozen Hash: model (its word, :bgnbd), params and se
      # ({name => value}, se nil where unknown), loglik, iterations,
      # converged (true / false), gradient_norm, n_customers, status (a
      # Symbol, :converged), boundary_param (a Symbol or nil) and period
      # (the summary's word as a Symbol, :week, or nil). as_json / to_json
      # write it as the library's fit JSON (spec §8.13) plus period; from_h
      # / from_json read it back.
      def to_h
        fit_result
        @to_h ||= { model: Convert.symbol(Native::NAMES_CLV_MODEL, @fields[:model]), params: params, se: se,
                    loglik: loglik, iterations: iterations, converged: converged?,
                    gradient_norm: gradient_norm, n_customers: n_customers, status: status.to_sym,
                    boundary_param: boundary_param, period: period&.to_sym }.freeze
      end

      include Serial::Methods

      # Same class, same fit and period.
      def ==(other)
        other.class == self.class && fitted? && other.fitted? && Serial.same?(to_h, other.to_h)
      end
      alias eql? ==

      def hash
        [self.class, fitted? ? as_json : nil].hash
      end

      def fitted?
        !@fit.nil?
      end

      # {name => value} in the C order.
      def params
        self.class.param_names.zip(fields[:params]).to_h
      end

      # {name => standard error} (nil when the Hessian is singular or unknown).
      def se
        self.class.param_names.zip(fields[:se]).to_h
      end

      # Total log-likelihood (without the penalty); nil when unknown.
      def loglik
        fields[:loglik]
      end

      def iterations
        fields[:iterations]
      end

      def converged?
        fields[:converged] != 0
      end

      # How the fit ended (spec §8.14), a Symbol: :converged, :iteration_limit,
      # :boundary (a parameter ran off to 0 or infinity: #boundary_param),
      # :stalled, or :given (from_params, or JSON without a status).
      def status
        Convert.symbol(Native::NAMES_CLV_FIT_STATUS, fields[:status])
      end

      # With status "boundary", the parameter that ran off (a Symbol); else nil.
      def boundary_param
        i = fields[:boundary_param]
        i.nil? || i.negative? ? nil : self.class.param_names[i]
      end

      def gradient_norm
        fields[:gradient_norm]
      end

      def n_customers
        fields[:n_customers]
      end

      # The fit as the library writes it (cxm_clv_fit_result_to_json, what
      # `cxm clv fit` prints: parameters with 17 significant digits, no
      # period); to_json is the same fields through Ruby's JSON, with period.
      def fit_json
        Native.clv_fit_result_to_json(fit_result)
      end

      def inspect
        return "#<#{self.class.name} not fitted>" unless fitted?

        ps = params.map { |k, v| "#{k}=#{format('%.4g', v)}" }.join(" ")
        extra = n_customers.positive? ? " loglik=#{format('%.6g', loglik)} n=#{n_customers}#{converged? ? '' : " NOT converged: #{status}"}" : ""
        "#<#{self.class.name} #{ps}#{extra}>"
      end
      alias to_s inspect

      private

      # The C fit's fields (Native::RESULT_FIELDS[:clv_fit_result]): params
      # and se hold the model's n_params values (se nil where unknown).
      def fields
        fit_result
        @fields
      end

      def init_fit(fit, period = nil)
        n = fit.n_params
        @to_h = nil
        @fields = Native::RESULT_FIELDS[:clv_fit_result].to_h do |f|
          v = fit.public_send(f)
          [f, v.is_a?(Array) ? v.first(n).map { |x| Result.value(x) }.freeze : Result.value(v)]
        end.freeze
        @fit = fit
        @period = period
        self
      end

      # A new fit: kept (init_fit), and one that did not converge warns
      # (Kernel#warn, at the caller's line) with the library's sentence
      # (cxm_clv_fit_warning); #status says which way it ended.
      def fitted(fit, period = nil)
        init_fit(fit, period)
        message = Native.clv_fit_warning(512, fit)
        return self if message.nil? || message.empty?

        here = __dir__
        outside = caller_locations.index { |l| !l.path.start_with?(here) } || 0
        warn(message, uplevel: outside + 1)
        self
      end

      # The fit options; nil leaves the library's default (no penalty, 500
      # iterations, tolerance 1e-10, all cores, no progress).
      def fit_options(penalty, threads, max_iterations, tol, progress)
        opts = Native.clv_fit_opts_new
        Native.clv_fit_opts_set_l2_penalty(opts, penalty) unless penalty.nil?
        Native.clv_fit_opts_set_threads(opts, threads) unless threads.nil?
        Native.clv_fit_opts_set_max_iterations(opts, max_iterations) unless max_iterations.nil?
        Native.clv_fit_opts_set_gradient_tol(opts, tol) unless tol.nil?
        Native.clv_fit_opts_set_progress(opts, progress) unless progress.nil?
        opts
      end

      # The progress: keyword or the block (not both).
      def progress_of(progress, block)
        raise InvalidArgument, "give progress: or a block, not both" if progress && block

        progress || block
      end

      # Fit to a table: the library reads the columns the model needs (and
      # weights when there is such a column); the model remembers the
      # table's period.
      def fit_table(table, opts, weights = nil)
        table = Model.to_table(table)
        unless weights.nil?
          name = Native.names_word(Native::NAMES_CLV_COLUMN, Native::CLV_WEIGHTS).to_sym
          table = Table.new(table.columns.merge(name => weights), attrs: table.attrs)
        end
        fitted(Native.clv_fit_table(self.class.model, table.native, opts), table.attrs[:period])
      end

      # Per-customer inputs: a table, or the arrays as given.
      def inputs(first, rest)
        rest.all?(&:nil?) && Model.table?(first) ? self.class.inputs_of(first) : [first, *rest]
      end
    end

    # Models of repeat purchasing: conditional expectations and P(alive).
    class PurchaseModel < Model
      # Expected purchases in (T, T + t] of each customer (t one Number):
      # (t, frequency, recency, T) or (t, summary).
      def expected_purchases(t, frequency, recency = nil, age = nil)
        (f, r, a), scalar = Model.columns(*inputs(frequency, [recency, age]))
        out = Native.clv_expected_purchases(f.size, fit_result, t, f, r, a)
        scalar ? out.first : out
      end

      # Probability that each customer is still alive: (frequency, recency, T) or (summary).
      def p_alive(frequency, recency = nil, age = nil)
        (f, r, a), scalar = Model.columns(*inputs(frequency, [recency, age]))
        out = Native.clv_p_alive(f.size, fit_result, f, r, a)
        scalar ? out.first : out
      end

      # P(alive) on the grid of frequency 0..max_frequency and recency
      # 0..max_recency at age T (the third argument; by default max_recency)
      # (lifetimes' conditional_probability_alive_matrix,
      # the data of a P(alive) heat map) -> an Array of max_recency + 1 rows of
      # max_frequency + 1 values. Which cells exist is the library's
      # (cxm_clv_p_alive_grid): frequency 0 has no recency, BG/BB cells with
      # frequency > recency are impossible (nil).
      def p_alive_matrix(max_frequency, max_recency, age = max_recency)
        nf = Convert.integer(max_frequency, "max_frequency") + 1
        nr = Convert.integer(max_recency, "max_recency") + 1
        grid = Native.clv_p_alive_grid(nf * nr, fit_result, nf - 1, nr - 1, age.to_f)
        grid.map { |v| v.nan? ? nil : v }.each_slice(nf).to_a
      end

      # Expected purchases in (0, t] of a new customer (t a Number or an Array).
      def unconditional_purchases(t)
        return Native.clv_unconditional_purchases(fit_result, t) if t.is_a?(Numeric)

        Convert.array(t, "t").map { |v| Native.clv_unconditional_purchases(fit_result, v) }
      end
    end

    # Shared fit of BG/NBD, MBG/NBD and Pareto/NBD.
    class NBDModel < PurchaseModel
      # Fit to (frequency, recency, T) per customer, or to a summary Table (or
      # a Hash of columns). weights: customers per row; penalty: lifetimes'
      # penalizer_coef (L2 on the parameters against the mean
      # log-likelihood); threads: nil (all cores) or a count, results do not
      # depend on it; max_iterations, tol: the optimiser's (nil: the
      # library's defaults).
      # progress: (or a block) called as (iteration, loglik, gradient_norm)
      # after every iteration of the optimiser: iterations 1, 2, ...; the
      # total log-likelihood without the penalty (as #loglik will be); the
      # max-abs gradient (as #gradient_norm). Returning true or :stop stops
      # the fit (Cancelled); an exception it raises stops the fit and is
      # raised from #fit. A fit that did not converge warns (Kernel#warn;
      # #status says how it ended); data that cannot identify the model
      # (no repeat buyer) raises TooFew. Returns self.
      def fit(frequency, recency = nil, age = nil, weights: nil, penalty: nil, threads: nil,
              max_iterations: nil, tol: nil, progress: nil, &block)
        opts = fit_options(penalty, threads, max_iterations, tol, progress_of(progress, block))
        return fit_table(frequency, opts, weights) if recency.nil? && age.nil? && Model.table?(frequency)

        w = weights.nil? ? [] : Convert.array(weights, "weights")
        fitted(Native.clv_fit(self.class.model, Convert.array(frequency, "frequency"),
                                Convert.array(recency, "recency"), Convert.array(age, "T"), w, opts))
      end
    end

    # BG/NBD (Fader, Hardie & Lee 2005): r, alpha, a, b.
    class BetaGeo < NBDModel
      @model = Native::CLV_BGNBD
    end

    # MBG/NBD (Batislam et al. 2007, as in lifetimes): r, alpha, a, b.
    class ModifiedBetaGeo < NBDModel
      @model = Native::CLV_MBGNBD
    end

    # Pareto/NBD (Schmittlein, Morrison & Colombo 1987): r, alpha, s, beta.
    class ParetoNBD < NBDModel
      @model = Native::CLV_PNBD
    end

    # Gamma-Gamma spend model (Hardie note 025): p, q, v; fitted to repeat buyers.
    class GammaGamma < Model
      @model = Native::CLV_GG

      # Fit to (frequency, monetary_value) rows, or a summary Table; rows with
      # frequency 0 are ignored. Options (progress and the block too) as
      # NBDModel#fit. Returns self.
      def fit(frequency, monetary_value = nil, penalty: nil, threads: nil, max_iterations: nil,
              tol: nil, progress: nil, &block)
        opts = fit_options(penalty, threads, max_iterations, tol, progress_of(progress, block))
        return fit_table(frequency, opts) if monetary_value.nil? && Model.table?(frequency)

        fitted(Native.clv_fit_gamma_gamma(Convert.array(frequency, "frequency"),
                                            Convert.array(monetary_value, "monetary_value"), opts))
      end

      # Expected average profit per transaction of each customer (the
      # population mean v p / (q - 1) for frequency 0): (frequency,
      # monetary_value) or (summary).
      def expected_profit(frequency, monetary_value = nil)
        (f, m), scalar = Model.columns(*inputs(frequency, [monetary_value]))
        out = Native.clv_expected_profit(f.size, fit_result, f, m)
        scalar ? out.first : out
      end
    end

    # BG/BB for discrete-time data (Fader, Hardie & Shang 2010): alpha, beta,
    # gamma, delta. Predictions take the periods (opportunities) as T.
    class BetaGeoBetaBinom < PurchaseModel
      @model = Native::CLV_BGBB

      # Fit to (frequency, recency, periods) patterns with weights (customers
      # per pattern), or a Table / Hash of those columns (frequency, recency,
      # periods, weights). Options (progress and the block too) as NBDModel#fit.
      def fit(frequency, recency = nil, n_periods = nil, weights: nil, penalty: nil, threads: nil,
              max_iterations: nil, tol: nil, progress: nil, &block)
        opts = fit_options(penalty, threads, max_iterations, tol, progress_of(progress, block))
        return fit_table(frequency, opts, weights) if recency.nil? && n_periods.nil? && Model.table?(frequency)

        w = weights.nil? ? [] : Convert.array(weights, "weights")
        fitted(Native.clv_fit_bgbb(Convert.array(frequency, "frequency"), Convert.array(recency, "recency"),
                                     Convert.array(n_periods, "n_periods"), w, opts))
      end

      # P(X(n) = x) for x = 0..n_periods: a new customer's number of
      # transactions in the first n_periods opportunities (sums to 1).
      def pmf(n_periods)
        Native.clv_bgbb_pmf(n_periods.to_i + 1, fit_result, n_periods) # n_periods + 1 values
      end
    end

    # Shifted-beta-geometric retention of a contractual cohort (Fader & Hardie 2007).
    class ShiftedBetaGeometric < Model
      @model = Native::CLV_SBG

      # survivors[0] customers at the start, survivors[t] still active after t
      # periods (non-increasing), or a Table with a survivors column. Options
      # (progress and the block too) as NBDModel#fit. Returns self.
      def fit(survivors, penalty: nil, threads: nil, max_iterations: nil, tol: nil, progress: nil,
              &block)
        opts = fit_options(penalty, threads, max_iterations, tol, progress_of(progress, block))
        return fit_table(survivors, opts) if Model.table?(survivors)

        fitted(Native.clv_fit_sbg(Convert.array(survivors, "survivors"), opts))
      end

      # [survival, retention] for t = 1..n: S(t) and S(t) / S(t - 1).
      def curves(n)
        Native.clv_sbg_curves(n, n, fit_result)
      end

      def survival(n)
        curves(n)[0]
      end

      def retention(n)
        curves(n)[1]
      end
    end

    class Model
      # The class of each C model number.
      CLASSES = [BetaGeo, ModifiedBetaGeo, ParetoNBD, GammaGamma, BetaGeoBetaBinom,
                 ShiftedBetaGeometric].to_h { |k| [k.model, k] }.freeze
    end
  end
end
