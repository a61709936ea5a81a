# frozen_string_literal: true

require "json"

module Cxmetrics
  # JSON for every result value (issue 14, item 6): #to_h (Ruby values:
  # Symbols, NaN where the library has one), #as_json (JSON values only: NaN
  # and infinities null, Symbols Strings, nested values through their own
  # as_json / to_h, keys Strings), #to_json (as_json as text, so
  # JSON.generate(result: x) nests it) and, on the class, from_h (a Hash with
  # Symbol or String keys: what to_h or as_json gave) and from_json. One
  # owner of these rules, so every class converts the same way.
  #
  # A JSON null cannot say whether it was NaN or an infinity: the library's
  # own writers print both as null (docs/conventions.md), and so does this.
  # from_h reads null back as nil in result fields (which show NaN as nil
  # anyway) and as NaN in table columns of numbers.
  module Serial
    module_function

    # v as JSON values (Hash with String keys, Array, String, Integer, Float,
    # true, false, nil).
    def plain(v)
      case v
      when nil, true, false, String, Integer then v
      when Float then v.finite? ? v : nil
      when Symbol then v.to_s
      when Hash then v.to_h { |k, x| [k.to_s, plain(x)] }
      when Array then v.map { |x| plain(x) }
      when Numeric then plain(v.to_f) # Rational, BigDecimal
      else
        return plain(v.as_json) if v.respond_to?(:as_json)
        return plain(v.to_h) if v.respond_to?(:to_h)

        v.to_s
      end
    end

    # The value of JSON text; text that is not JSON raises Cxmetrics::ParseError
    # with the parser's position, anything but a String ArgumentTypeError.
    def parse(text, what = "json")
      unless text.is_a?(String)
        raise ArgumentTypeError, "#{what}: expected JSON text (a String), got #{Convert.show(text)}"
      end

      JSON.parse(text)
    rescue JSON::ParserError => e
      raise ParseError, "#{what}: not JSON: #{e.message[0, 200]}"
    end

    # A Hash with Symbol keys, checked against the fields of `klass`:
    # an unknown or a missing key raises InvalidArgument naming them all, so
    # that a typo or a truncated document is never read as nil.
    def fields(hash, members, klass, optional: [])
      unless hash.is_a?(Hash)
        raise ArgumentTypeError, "#{klass}.from_h: expected a Hash, got #{Convert.show(hash)}"
      end

      h = hash.to_h { |k, v| [k.to_sym, v] }
      unknown = h.keys - members
      missing = members - optional - h.keys
      unless unknown.empty? && missing.empty?
        raise InvalidArgument, "#{klass}.from_h: unknown keys #{unknown.map(&:to_s).inspect}, " \
                               "missing keys #{missing.map(&:to_s).inspect} (the fields are " \
                               "#{members.map(&:to_s).join(', ')})"
      end
      h
    end

    # a and b the same value, NaN equal to NaN (== on Floats says no): the
    # equality of values that hold the library's NaNs (Table columns).
    def same?(a, b)
      case a
      when Float then b.is_a?(Float) && (a.nan? ? b.nan? : a == b) || (!b.is_a?(Float) && a == b)
      when Array then b.is_a?(Array) && a.size == b.size && a.each_index.all? { |i| same?(a[i], b[i]) }
      when Hash then b.is_a?(Hash) && a.keys == b.keys && a.all? { |k, v| same?(v, b[k]) }
      else a == b
      end
    end

    # The instance side: as_json and to_json from to_h.
    module Methods
      def as_json(*)
        Serial.plain(to_h)
      end

      def to_json(*args)
        as_json.to_json(*args)
      end
    end

    # The class side: from_json through from_h.
    module ClassMethods
      def from_json(text)
        from_h(Serial.parse(text, "#{name}.from_json"))
      end
    end

    # Objects whose JSON is the C library's own document (a clustering model,
    # an RFM rule table, a persona set): to_json is the library's writer and
    # from_json its reader, which checks the document, so as_json, from_h,
    # == and hash follow from those two.
    module Document
      def self.included(base)
        base.extend(ClassMethods)
      end

      def as_json(*)
        JSON.parse(to_json)
      end

      # The same document.
      def ==(other)
        other.is_a?(self.class) && other.to_json == to_json
      end
      alias eql? ==

      def hash
        to_json.hash
      end

      # from_h: a Hash as as_json gives it, read by the library's reader.
      module ClassMethods
        def from_h(hash)
          from_json(JSON.generate(Serial.plain(hash)))
        end
      end
    end
  end
end
