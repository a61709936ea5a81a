# frozen_string_literal: true

require "date"

module Cxmetrics
  module_function

  # The journey page (spec §26): one self-contained HTML String (inline SVG
  # and CSS, nothing loaded) drawing the tables in order, each recognised by
  # its attribute `kind`: "funnel" (bars per step), "funnel_next",
  # "funnel_tests", "cohort" (a retention heat-map), "pyramid" (the CX
  # pyramid per group), "transitions", "paths", "touchpoints" (tables).
  #
  #   html = Cxmetrics.journey_html([steps, cohorts], title: "Q1 journey")
  #
  # tables: one table or an Array of them, each a Cxmetrics::Table (its
  # columns and attrs: Numeric columns as numbers, Date columns and a cohort
  # table's `cohort` day numbers as days, the others as texts) or a native
  # table (Native::Table) as the library returns it. The page is drawn by the
  # C library (cxm_journey_render_html); its errors are Cxmetrics::Error
  # subclasses naming the table (tables[i]), its kind and the column
  # (InvalidArgument); a list item of another class is a TypeError.
  def journey_html(tables, title: nil)
    tables = [tables] unless tables.is_a?(Array)
    natives = tables.each_with_index.map do |t, i|
      case t
      when Native::Table then t
      when Table then JourneyHtml.native_of(t)
      else Convert.type_error("tables[#{i}]", "a Cxmetrics::Table or a native table", t)
      end
    end
    Native.journey_render_html(natives, title&.to_s)
  end

  # The conversion of Cxmetrics::Table objects for the journey page.
  module JourneyHtml
    EPOCH = Date.new(1970, 1, 1)

    module_function

    # A native table of a Table's columns and attributes, with the column
    # types the page's schemas need (see Cxmetrics.journey_html).
    def native_of(table)
      h = Native.table_new
      cohort = table.attrs[:kind].to_s == "cohort"
      table.columns.each do |name, values|
        if values.any? && values.all? { |v| v.is_a?(Date) || v.nil? }
          Native.table_add_days(h, name.to_s, values.map { |v| v ? (v - EPOCH).to_f : Float::NAN })
        elsif values.all? { |v| v.is_a?(Numeric) || v.nil? }
          numbers = values.map { |v| v.nil? ? Float::NAN : v.to_f }
          if cohort && name == :cohort
            Native.table_add_days(h, name.to_s, numbers)
          else
            Native.table_add_numbers(h, name.to_s, numbers)
          end
        else
          Native.table_add_texts(h, name.to_s, values.map(&:to_s))
        end
      end
      table.attrs.each do |name, value|
        if value.is_a?(Numeric)
          Native.table_set_attr_number(h, name.to_s, value.to_f)
        else
          Native.table_set_attr_text(h, name.to_s, value.to_s)
        end
      end
      h
    end
  end
end
