package dev.meshsdk.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code # METADATA} comment blocks (YAML) that annotate packages and rules. */
final class Annotations {
    /** Made on first use: most modules have no METADATA block. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = new YAMLMapper();

        private Yaml() {}
    }

    private static final Pattern AUTHOR = Pattern.compile("^(.*?)\\s*<([^>]+)>\\s*$");
    private final String file;
    private final Map<Integer, Lexer.Comment> byLine = new HashMap<>();

    Annotations(String file, List<Lexer.Comment> comments) {
        this.file = file;
        for (Lexer.Comment c : comments) {
            if (c.ownLine()) {
                byLine.put(c.line(), c);
            }
        }
    }

    /** The annotations written directly above {@code line}, or null. */
    RegoValue.Obj above(int line, String defaultScope) {
        List<Lexer.Comment> block = new ArrayList<>();
        for (int l = line - 1; byLine.containsKey(l); l--) {
            block.add(0, byLine.get(l));
        }
        int start = -1;
        for (int i = 0; i < block.size(); i++) {
            if (block.get(i).text().strip().equals("METADATA")) {
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        StringBuilder yaml = new StringBuilder();
        for (Lexer.Comment c : block.subList(start + 1, block.size())) {
            String t = c.text();
            yaml.append(t.startsWith(" ") ? t.substring(1) : t).append('\n');
        }
        JsonNode n;
        try {
            n = Yaml.MAPPER.readTree(yaml.toString());
        } catch (Exception e) {
            throw RegoException.parse(file + ":" + block.get(start).line() + ":1: invalid METADATA" + " block: "
                    + e.getMessage().lines().findFirst().orElse("") + "; fix the YAML");
        }
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        if (n != null && n.isObject()) {
            n.properties()
                    .forEach(e -> m.put(
                            RegoValue.of(e.getKey()), normalize(e.getKey(), JsonConversion.fromJson(e.getValue()))));
        }
        m.putIfAbsent(RegoValue.of("scope"), RegoValue.of(defaultScope));
        return new RegoValue.Obj(m);
    }

    private static RegoValue normalize(String key, RegoValue v) {
        if (!(v instanceof RegoValue.Arr arr)) {
            return v;
        }
        List<RegoValue> out = new ArrayList<>();
        for (RegoValue x : arr.items()) {
            if (key.equals("authors") && x instanceof RegoValue.Str s) {
                Matcher m = AUTHOR.matcher(s.value());
                out.add(
                        m.matches()
                                ? RegoValue.Obj.of(
                                        Map.of("name", RegoValue.of(m.group(1)), "email", RegoValue.of(m.group(2))))
                                : RegoValue.Obj.of(Map.of("name", s)));
            } else if (key.equals("related_resources") && x instanceof RegoValue.Str s) {
                out.add(RegoValue.Obj.of(Map.of("ref", s)));
            } else {
                out.add(x);
            }
        }
        return new RegoValue.Arr(out);
    }
}
