package com.restaurantos.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario run: named values in the order they were put, and for stepped
 * scenarios one row per step. Printed as one JSON line (for scripts) and as a table (for people).
 */
final class Result {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();

    Result(String scenario) {
        fields.put("scenario", scenario);
    }

    private Result(Map<String, Object> fields, List<Map<String, Object>> steps) {
        this.fields.putAll(fields);
        this.steps.addAll(steps);
    }

    Result put(String key, Object value) {
        fields.put(key, clean(value));
        return this;
    }

    /** Starts a new step row and returns it; values put in it are cleaned like {@link #put}'s. */
    Row step() {
        Map<String, Object> row = new LinkedHashMap<>();
        steps.add(row);
        return new Row(row);
    }

    /** A row of the steps table. */
    static final class Row {
        private final Map<String, Object> values;

        private Row(Map<String, Object> values) {
            this.values = values;
        }

        Row put(String key, Object value) {
            values.put(key, clean(value));
            return this;
        }

        Object get(String key) {
            return values.get(key);
        }
    }

    String scenario() {
        return String.valueOf(fields.get("scenario"));
    }

    Object get(String key) {
        return fields.get(key);
    }

    double number(String key) {
        Object v = fields.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    List<Map<String, Object>> steps() {
        return steps;
    }

    /** The figures as one line of JSON: the fields, then {@code steps} when there are any. */
    String json() {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        if (!steps.isEmpty()) {
            all.put("steps", steps);
        }
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String line) {
        try {
            Map<String, Object> all = JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            Object rows = all.remove("steps");
            List<Map<String, Object>> steps = new ArrayList<>();
            if (rows instanceof List<?> list) {
                for (Object row : list) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) row;
                    steps.add(map);
                }
            }
            return new Result(all, steps);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a result line: " + e.getOriginalMessage());
        }
    }

    /** The figures for people: one value a line, then the steps as columns. */
    String table() {
        StringBuilder out = new StringBuilder();
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            out.append("  ").append(pad(e.getKey(), width)).append("  ").append(format(e.getValue())).append('\n');
        }
        if (!steps.isEmpty()) {
            out.append(columns(steps));
        }
        return out.toString();
    }

    /** Rows as aligned columns, headed by the keys of the first row. */
    static String columns(List<Map<String, Object>> rows) {
        List<String> keys = new ArrayList<>(rows.get(0).keySet());
        int[] widths = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            widths[i] = keys.get(i).length();
            for (Map<String, Object> row : rows) {
                widths[i] = Math.max(widths[i], format(row.get(keys.get(i))).length());
            }
        }
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < keys.size(); i++) {
            line.append(padLeft(keys.get(i), widths[i])).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
        for (Map<String, Object> row : rows) {
            line = new StringBuilder("  ");
            for (int i = 0; i < keys.size(); i++) {
                line.append(padLeft(format(row.get(keys.get(i))), widths[i])).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Rounds doubles to at most three decimals (and NaN or infinities to null), so that lines stay readable. */
    static Object clean(Object value) {
        Object v = value instanceof Float f ? Double.valueOf(f.doubleValue()) : value;
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            int decimals = Math.abs(d) >= 100 ? 1 : 3;
            return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        }
        return v;
    }

    static String format(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
