# frozen_string_literal: true

module Cxmetrics
  # Probabilistic customer lifetime value (clvmodel.h): customer summaries from
  # transaction logs, BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB and
  # shifted-beta-geometric models fitted by maximum likelihood, per-customer
  # predictions, discounted CLV and holdout evaluation. Every number comes from
  # the C library; fits and predictions on large inputs run without the GVL.
  #
  #   summary = Cxmetrics::CLV.summary_from_transactions(ids, dates, amounts: spend,
  #                                                      calibration_end: "1997-09-30")
  #   bg = Cxmetrics::CLV::BetaGeo.new.fit(summary)
  #   bg.params                               # => {r: 0.2425..., alpha: 4.41..., a: ..., b: ...}
  #   bg.expected_purchases(39, 2, 30.43, 38.86)  # => 1.2259...
  #
  # Time is in the summary's unit (:day, :week or :month); "age" is the
  # customer's T (time since the first purchase). Per-customer arguments are
  # Arrays or scalars (broadcast); all-scalar calls return a Float.
  module CLV
    # Summary time units.
    PERIODS = { day: Native::CLV_DAYS, week: Native::CLV_WEEKS, month: Native::CLV_MONTHS }.freeze
    # Periods per month for CLV.clv (4.345 weeks as lifetimes, 30.4375 days).
    PERIODS_PER_MONTH = { day: 30.4375, week: 4.345, month: 1.0 }.freeze

    # MAE and RMSE of predicted against actual holdout purchases, with the totals.
    HoldoutErrors = Result.for_native(:clv_holdout_errors)

    # A customer summary (see CLV.summary_from_transactions): columns as Arrays
    # in ascending byte order of the ids. Enumerable over one Hash per customer
    # ({id:, frequency:, recency:, t:, monetary_value:} plus the holdout columns
    # when there is a holdout period).
    class Summary
      include Enumerable

      COLUMNS = %i[frequency recency t monetary_value holdout_frequency holdout_monetary_value].freeze

      attr_reader :ids, :frequency, :recency, :t, :monetary_value, :holdout_frequency,
                  :holdout_monetary_value, :holdout_duration, :dropped, :period,
                  :calibration_end, :observation_end

      def initialize(ids:, columns:, holdout_duration:, dropped:, period:, calibration_end:,
                     observation_end:)
        @ids = ids.freeze
        @frequency, @recency, @t, @monetary_value, @holdout_frequency, @holdout_monetary_value =
          columns.map(&:freeze)
        @holdout_duration = holdout_duration
        @dropped = dropped
        @period = period
        @calibration_end = calibration_end
        @observation_end = observation_end
        freeze
      end

      # True when the summary has a holdout period (observation_end > calibration_end).
      def holdout?
        observation_end > calibration_end
      end

      # Number of customers.
      def size
        ids.size
      end
      alias length size

      # The row of customer i as a Hash.
      def [](index)
        return nil unless (i = Integer(index)) < size && i >= -size

        row(i)
      end

      def each
        return enum_for(:each) { size } unless block_given?

        size.times { |i| yield row(i) }
        self
      end

      # {column => Array}; the holdout columns only with a holdout period.
      def columns
        names = holdout? ? COLUMNS : COLUMNS.first(4)
        names.to_h { |c| [c, public_send(c)] }.merge(id: ids)
      end

      def inspect
        "#<#{self.class.name} #{size} customers, period: #{period}" \
          "#{holdout? ? ", holdout #{holdout_duration}" : ''}, dropped: #{dropped}>"
      end
      alias to_s inspect

      private

      def row(i)
        names = holdout? ? COLUMNS : COLUMNS.first(4)
        names.each_with_object({ id: ids[i] }) { |c, h| h[c] = public_send(c)[i] }
      end
    end

    module_function

    # Per-customer frequency, recency, T and mean repeat value from a transaction
    # log, as lifetimes' summary_data_from_transaction_data -> Summary.
    # Same-day purchases count once; frequency = repeat purchase days up to
    # calibration_end; recency = last - first purchase; T = calibration_end -
    # first purchase; monetary_value = mean amount of the repeat purchase days.
    # Customers whose first purchase follows calibration_end are left out
    # (counted in #dropped). dates: "YYYY-MM-DD", Date / Time or day numbers;
    # calibration_end defaults to the last date; observation_end (default: no
    # holdout) adds holdout_frequency / holdout_monetary_value for
    # (calibration_end, observation_end]. period: :day, :week or :month.
    def summary_from_transactions(customer_ids, dates, amounts: nil, calibration_end: nil,
                                  observation_end: nil, period: :week)
      days = Convert.days(dates, "dates")
      code = Convert.enum(PERIODS, period, "period")
      cal = calibration_end.nil? ? (days.compact.max || 0) : Convert.day(calibration_end)
      obs = observation_end.nil? ? cal : Convert.day(observation_end)
      amt = amounts.nil? ? [] : Convert.array(amounts, "amounts")
      native = Native::ClvSummary.new(Convert.ids(customer_ids, "customer_ids"), days, amt,
                                      cal.to_f, obs.to_f, code)
      Summary.new(ids: (0...native.count).map { |i| native.id(i) }, columns: native.columns,
                  holdout_duration: native.holdout_duration, dropped: native.dropped,
                  period: PERIODS.key(code) || code, calibration_end: cal.to_f,
                  observation_end: obs.to_f)
    end

    # Discounted CLV over `months` months per customer (lifetimes'
    # customer_lifetime_value): sum over months i of (E[X(T, T + i f)] -
    # E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, E from the purchase model,
    # profit from the GammaGamma spend_model, f = periods_per_month (4.345 for
    # weeks) and d the monthly discount: a Number or one per customer.
    def clv(model, spend_model, frequency, recency, age, monetary_value, months: 12,
            discount: 0.01, periods_per_month: 4.345)
      (f, r, a, m), scalar = Model.columns(frequency, recency, age, monetary_value)
      d = discount.is_a?(Numeric) ? [discount] : Convert.array(discount, "discount")
      out = Native.clv_discounted(Model.fit_of(model), Model.fit_of(spend_model), f, r, a, m,
                                  months.to_f, d, periods_per_month.to_f)
      scalar ? out.first : out
    end

    # MAE and RMSE of predicted against actual holdout purchases -> HoldoutErrors.
    def holdout_errors(predicted, actual)
      HoldoutErrors.from_native(Native.clv_holdout_evaluate(Convert.array(predicted, "predicted"),
                                                            Convert.array(actual, "actual")))
    end

    # Mean predicted and mean actual holdout purchases by calibration frequency
    # 0..max_frequency (the last row gathers every higher frequency) -> Array of
    # {frequency:, predicted:, actual:, count:} (means NaN for an empty row).
    def calibration_table(frequency, predicted, actual, max_frequency: 7)
      mp, ma, cnt = Native.clv_calibration_table(max_frequency,
                                                 Convert.array(frequency, "frequency"),
                                                 Convert.array(predicted, "predicted"),
                                                 Convert.array(actual, "actual"))
      cnt.each_index.map do |i|
        { frequency: i, predicted: mp[i], actual: ma[i], count: cnt[i].to_i }
      end
    end

    # A fitted model of whichever class the JSON (Model#to_json) names.
    def model_from_json(text)
      fit = Native.clv_fit_result_from_json(text.to_s)
      Model::CLASSES.fetch(fit[:model]).new.tap { |m| m.send(:init_fit, fit) }
    end

    # Base of the model classes: the fitted parameters (a Hash from the C
    # library, which predictions pass back) and their accessors.
    class Model
      class << self
        # The C model number.
        attr_reader :model

        # True when the linked C library has this model.
        def available?
          !Native.clv_model_name(model).nil?
        end

        # Parameter names in the C order, as Symbols.
        def param_names
          names = []
          while (n = Native.clv_param_name(model, names.size))
            names << n.to_sym
          end
          raise InvalidArgument, Native.error_last[:message] if names.empty?

          names
        end

        # A model with known parameters: from_params(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4),
        # a Hash or an Array in param_names order.
        def from_params(values = nil, **kwargs)
          names = param_names
          values ||= kwargs
          list = if values.is_a?(Hash)
                   values = values.transform_keys(&:to_sym)
                   bad = values.keys - names
                   missing = names - values.keys
                   unless bad.empty? && missing.empty?
                     raise InvalidArgument, "#{name.split('::').last} has parameters #{names.inspect}; " \
                                            "unknown #{bad.inspect}, missing #{missing.inspect}"
                   end
                   names.map { |n| values[n] }
                 else
                   Convert.array(values, "params")
                 end
          if list.size != names.size
            raise InvalidArgument, "#{name.split('::').last} has #{names.size} parameters, got #{list.size}"
          end

          fit = { model: model, n_params: list.size, params: list.map(&:to_f),
                  se: Array.new(list.size), loglik: Float::NAN, iterations: 0, converged: 0,
                  gradient_norm: Float::NAN, n_customers: 0 }
          # The library checks the parameters (through to_json, a pure call).
          Native.clv_fit_result_to_json(fit)
          new.tap { |m| m.send(:init_fit, fit) }
        end

        # A model read back from #to_json text (or written by hand).
        def from_json(text)
          fit = Native.clv_fit_result_from_json(text.to_s)
          unless fit[:model] == model
            raise InvalidArgument, "the JSON holds a #{Native.clv_model_name(fit[:model])} fit, not #{name}"
          end

          new.tap { |m| m.send(:init_fit, fit) }
        end

        # [arrays, all_scalar]: per-customer arguments as Arrays of one length.
        def columns(*values)
          scalar = values.all? { |v| v.is_a?(Numeric) || v.nil? }
          arrays = values.map { |v| v.is_a?(Numeric) || v.nil? ? nil : Convert.array(v) }
          n = arrays.compact.map(&:size).max || 1
          [values.zip(arrays).map { |v, a| a || Array.new(n, v) }, scalar]
        end

        # The C fit Hash of a model (or a Hash given as is).
        def fit_of(model)
          return model.fit_result if model.is_a?(Model)
          return model if model.is_a?(Hash)

          raise TypeError, "expected a fitted model, got #{model.class}"
        end
      end

      # The fit as the C library returned it (a frozen Hash, RESULT_FIELDS[:clv_fit_result]).
      def fit_result
        @fit or raise InvalidArgument, "#{self.class.name} is not fitted: call fit or from_params"
      end
      alias to_h fit_result

      def fitted?
        !@fit.nil?
      end

      # {name => value} in the C order.
      def params
        self.class.param_names.zip(fit_result[:params]).to_h
      end

      # {name => standard error} (nil when the Hessian is singular or unknown).
      def se
        self.class.param_names.zip(fit_result[:se]).to_h
      end

      # Total log-likelihood (without the penalty).
      def loglik
        fit_result[:loglik]
      end

      def iterations
        fit_result[:iterations]
      end

      def converged?
        fit_result[:converged] != 0
      end

      def gradient_norm
        fit_result[:gradient_norm]
      end

      def n_customers
        fit_result[:n_customers]
      end

      # The fit as JSON (parameters with 17 significant digits).
      def to_json(*)
        Native.clv_fit_result_to_json(fit_result)
      end

      def inspect
        return "#<#{self.class.name} not fitted>" unless fitted?

        ps = params.map { |k, v| "#{k}=#{format('%.4g', v)}" }.join(" ")
        extra = n_customers.positive? ? " loglik=#{format('%.6g', loglik)} n=#{n_customers}#{converged? ? '' : ' NOT converged'}" : ""
        "#<#{self.class.name} #{ps}#{extra}>"
      end
      alias to_s inspect

      private

      def init_fit(fit)
        @fit = fit.freeze
        @data_max = nil
        self
      end

      # l2_penalty, max_iterations, gradient_tol, threads (0 = the library's default).
      def options(penalty, threads, max_iterations, tol, progress = nil)
        unless progress.nil? || progress.respond_to?(:call)
          raise TypeError, "progress must be nil or respond to #call(iteration, loglik, gradient_norm)"
        end

        [penalty.to_f, max_iterations || 0, (tol || 0.0).to_f, threads || 0, progress]
      end

      # The progress: keyword or the block (not both).
      def progress_of(progress, block)
        raise ArgumentError, "give progress: or a block, not both" if progress && block

        progress || block
      end

      # A Summary (or anything with frequency / recency / t readers, or a Hash of columns).
      def table_column(table, *names)
        names.each do |n|
          return table.public_send(n) if table.respond_to?(n) && !table.is_a?(Hash)
          return table[n] if table.is_a?(Hash) && table.key?(n)
        end
        raise InvalidArgument, "the table has no column #{names.first.inspect}"
      end

      def table?(x)
        x.is_a?(Summary) || x.is_a?(Hash)
      end
    end

    # Models of repeat purchasing: conditional expectations and P(alive).
    class PurchaseModel < Model
      # Expected purchases in (T, T + t] of each customer (t one Number).
      def expected_purchases(t, frequency, recency, age)
        (f, r, a), scalar = Model.columns(frequency, recency, age)
        out = Native.clv_expected_purchases(fit_result, t.to_f, f, r, a)
        scalar ? out.first : out
      end

      # Probability that each customer is still alive.
      def p_alive(frequency, recency, age)
        (f, r, a), scalar = Model.columns(frequency, recency, age)
        out = Native.clv_p_alive(fit_result, f, r, a)
        scalar ? out.first : out
      end

      # Expected purchases in (0, t] of a new customer (t a Number or an Array).
      def unconditional_purchases(t)
        return Native.clv_unconditional_purchases(fit_result, t.to_f) if t.is_a?(Numeric)

        Convert.array(t, "t").map { |v| Native.clv_unconditional_purchases(fit_result, v.to_f) }
      end
    end

    # Shared fit of BG/NBD, MBG/NBD and Pareto/NBD.
    class NBDModel < PurchaseModel
      # Fit to (frequency, recency, age T) per customer, or to a Summary.
      # weights: customers per row; penalty: lifetimes' penalizer_coef (L2 on
      # the parameters against the mean log-likelihood); threads: nil (all
      # cores) or a count, results do not depend on it.
      # progress: (or a block) called as (iteration, loglik, gradient_norm)
      # after every iteration of the optimiser: iterations 1, 2, ...; the
      # total log-likelihood without the penalty (as #loglik will be); the
      # max-abs gradient (as #gradient_norm). Returning true or :stop stops
      # the fit (Cancelled); an exception it raises stops the fit and is
      # raised from #fit. Returns self.
      def fit(frequency, recency = nil, age = nil, weights: nil, penalty: 0.0, threads: nil,
              max_iterations: nil, tol: nil, progress: nil, &block)
        if recency.nil? && age.nil? && table?(frequency)
          table = frequency
          frequency = table_column(table, :frequency)
          recency = table_column(table, :recency)
          age = table_column(table, :t, :T)
          weights ||= table[:weights] if table.is_a?(Hash)
        end
        f = Convert.array(frequency, "frequency")
        a = Convert.array(age, "age")
        w = weights.nil? ? [] : Convert.array(weights, "weights")
        init_fit(Native.clv_fit(self.class.model, f, Convert.array(recency, "recency"), a, w,
                                *options(penalty, threads, max_iterations, tol,
                                         progress_of(progress, block))))
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

      # Fit to (frequency, monetary_value) rows (or a Summary); rows with
      # frequency 0 are ignored. Options (progress and the block too) as
      # NBDModel#fit. Returns self.
      def fit(frequency, monetary_value = nil, penalty: 0.0, threads: nil, max_iterations: nil,
              tol: nil, progress: nil, &block)
        if monetary_value.nil? && table?(frequency)
          monetary_value = table_column(frequency, :monetary_value)
          frequency = table_column(frequency, :frequency)
        end
        init_fit(Native.clv_fit_gamma_gamma(Convert.array(frequency, "frequency"),
                                            Convert.array(monetary_value, "monetary_value"),
                                            *options(penalty, threads, max_iterations, tol,
                                                     progress_of(progress, block))))
      end

      # Expected average profit per transaction of each customer (the
      # population mean v p / (q - 1) for frequency 0).
      def expected_profit(frequency, monetary_value)
        (f, m), scalar = Model.columns(frequency, monetary_value)
        out = Native.clv_expected_profit(fit_result, f, m)
        scalar ? out.first : out
      end
    end

    # BG/BB for discrete-time data (Fader, Hardie & Shang 2010): alpha, beta,
    # gamma, delta. Predictions take n_periods as the age.
    class BetaGeoBetaBinom < PurchaseModel
      @model = Native::CLV_BGBB

      # Fit to (frequency, recency, n_periods) patterns with weights (customers
      # per pattern), or a Hash of those columns (:periods or :n_periods).
      # Options (progress and the block too) as NBDModel#fit.
      def fit(frequency, recency = nil, n_periods = nil, weights: nil, penalty: 0.0, threads: nil,
              max_iterations: nil, tol: nil, progress: nil, &block)
        if recency.nil? && n_periods.nil? && frequency.is_a?(Hash)
          table = frequency
          frequency = table_column(table, :frequency)
          recency = table_column(table, :recency)
          n_periods = table_column(table, :periods, :n_periods)
          weights ||= table[:weights]
        end
        w = weights.nil? ? [] : Convert.array(weights, "weights")
        init_fit(Native.clv_fit_bgbb(Convert.array(frequency, "frequency"),
                                     Convert.array(recency, "recency"),
                                     Convert.array(n_periods, "n_periods"), w,
                                     *options(penalty, threads, max_iterations, tol,
                                              progress_of(progress, block))))
      end

      # P(X(n) = x) for x = 0..n_periods: a new customer's number of
      # transactions in the first n_periods opportunities (sums to 1).
      def pmf(n_periods)
        Native.clv_bgbb_pmf(fit_result, n_periods.to_f)
      end
    end

    # Shifted-beta-geometric retention of a contractual cohort (Fader & Hardie 2007).
    class ShiftedBetaGeometric < Model
      @model = Native::CLV_SBG

      # survivors[0] customers at the start, survivors[t] still active after t
      # periods (non-increasing). Options (progress and the block too) as
      # NBDModel#fit. Returns self.
      def fit(survivors, penalty: 0.0, threads: nil, max_iterations: nil, tol: nil, progress: nil,
              &block)
        init_fit(Native.clv_fit_sbg(Convert.array(survivors, "survivors"),
                                    *options(penalty, threads, max_iterations, tol,
                                             progress_of(progress, block))))
      end

      # [survival, retention] for t = 1..n: S(t) and S(t) / S(t - 1).
      def curves(n)
        Native.clv_sbg_curves(n, fit_result)
      end

      def survival(n)
        curves(n)[0]
      end

      def retention(n)
        curves(n)[1]
      end
    end

    class Model
      CLASSES = { Native::CLV_BGNBD => BetaGeo, Native::CLV_MBGNBD => ModifiedBetaGeo,
                  Native::CLV_PNBD => ParetoNBD, Native::CLV_GG => GammaGamma,
                  Native::CLV_BGBB => BetaGeoBetaBinom,
                  Native::CLV_SBG => ShiftedBetaGeometric }.freeze
    end
  end
end
