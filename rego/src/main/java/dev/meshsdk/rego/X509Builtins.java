package dev.meshsdk.rego;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * crypto.x509.parse_certificates and parse_and_verify_certificates. Certificates are rendered
 * with the commonly used fields of Go's x509.Certificate (Subject, Issuer, validity, SANs).
 */
final class X509Builtins {
    private X509Builtins() {}

    static void register(BuiltinRegistry r) {
        r.add("crypto.x509.parse_certificates", 1, (a, c) -> {
            List<RegoValue> out = new ArrayList<>();
            for (X509Certificate cert :
                    parse("crypto.x509.parse_certificates", Args.str("crypto.x509.parse_certificates", a, 0))) {
                out.add(render(cert));
            }
            return new RegoValue.Arr(out);
        });
        r.add("crypto.x509.parse_and_verify_certificates", 1, (a, c) -> {
            String fn = "crypto.x509.parse_and_verify_certificates";
            List<X509Certificate> certs = parse(fn, Args.str(fn, a, 0));
            RegoValue invalid = new RegoValue.Arr(List.of(RegoValue.FALSE, new RegoValue.Arr(List.of())));
            if (certs.size() < 2) {
                return invalid;
            }
            // like OPA: the first certificate is the root, the last the leaf
            List<X509Certificate> chain = new ArrayList<>(certs);
            java.util.Collections.reverse(chain);
            try {
                X509Certificate root = chain.get(chain.size() - 1);
                CertificateFactory f = CertificateFactory.getInstance("X.509");
                PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
                params.setRevocationEnabled(false);
                CertPathValidator.getInstance("PKIX")
                        .validate(f.generateCertPath(chain.subList(0, chain.size() - 1)), params);
            } catch (Exception e) {
                return invalid;
            }
            List<RegoValue> out = new ArrayList<>();
            chain.forEach(x -> out.add(render(x)));
            return new RegoValue.Arr(List.of(RegoValue.TRUE, new RegoValue.Arr(out)));
        });
    }

    static List<X509Certificate> parse(String fn, String s) {
        byte[] data;
        if (s.strip().startsWith("-----BEGIN")) {
            data = s.getBytes(StandardCharsets.UTF_8);
        } else {
            if (s.strip().length() % 4 != 0) {
                throw RegoException.builtin(
                        fn + ": illegal base64 data at input byte " + (s.strip().length() / 4 * 4));
            }
            try {
                data = Base64.getDecoder().decode(s.strip());
            } catch (IllegalArgumentException e) {
                throw RegoException.builtin(fn + ": illegal base64 data at input byte 0");
            }
        }
        try {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(data));
            if (certs.isEmpty()) {
                throw RegoException.builtin(fn + ": x509: malformed certificate");
            }
            List<X509Certificate> out = new ArrayList<>();
            certs.forEach(x -> out.add((X509Certificate) x));
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw RegoException.builtin(fn + ": x509: malformed certificate");
        }
    }

    private static RegoValue strings(List<String> l) {
        return l.isEmpty()
                ? RegoValue.NULL
                : new RegoValue.Arr(
                        l.stream().map(x -> (RegoValue) RegoValue.of(x)).toList());
    }

    private static RegoValue render(X509Certificate c) {
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(RegoValue.of("Version"), RegoValue.of(c.getVersion()));
        m.put(RegoValue.of("SerialNumber"), new RegoValue.Num(new BigDecimal(c.getSerialNumber())));
        m.put(RegoValue.of("Subject"), name(c.getSubjectX500Principal()));
        m.put(RegoValue.of("Issuer"), name(c.getIssuerX500Principal()));
        m.put(
                RegoValue.of("NotBefore"),
                RegoValue.of(c.getNotBefore().toInstant().toString()));
        m.put(RegoValue.of("NotAfter"), RegoValue.of(c.getNotAfter().toInstant().toString()));
        m.put(RegoValue.of("IsCA"), RegoValue.of(c.getBasicConstraints() >= 0));
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    switch (type) {
                        case 1 -> emails.add(v);
                        case 2 -> dns.add(v);
                        case 6 -> uris.add(v);
                        case 7 -> ips.add(v);
                        default -> {}
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no readable alternative names
        }
        m.put(RegoValue.of("DNSNames"), strings(dns));
        m.put(RegoValue.of("EmailAddresses"), strings(emails));
        m.put(RegoValue.of("IPAddresses"), strings(ips));
        m.put(RegoValue.of("URIStrings"), strings(uris));
        String keyAlg = c.getPublicKey().getAlgorithm();
        m.put(
                RegoValue.of("PublicKeyAlgorithm"),
                RegoValue.of(
                        switch (keyAlg) {
                            case "RSA" -> 1;
                            case "DSA" -> 2;
                            case "EC" -> 3;
                            case "Ed25519", "EdDSA" -> 4;
                            default -> 0;
                        }));
        return new RegoValue.Obj(m);
    }

    static RegoValue name(X500Principal p) {
        Map<String, String> keys = Map.of(
                "CN",
                "CommonName",
                "C",
                "Country",
                "O",
                "Organization",
                "OU",
                "OrganizationalUnit",
                "L",
                "Locality",
                "ST",
                "Province",
                "STREET",
                "StreetAddress",
                "POSTALCODE",
                "PostalCode",
                "SERIALNUMBER",
                "SerialNumber");
        TreeMap<String, List<String>> multi = new TreeMap<>();
        String cn = "";
        String serial = "";
        try {
            for (Rdn rdn : new LdapName(p.getName(
                            X500Principal.RFC2253,
                            Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.9", "STREET", "2.5.4.17", "POSTALCODE")))
                    .getRdns()) {
                String t = rdn.getType().toUpperCase(java.util.Locale.ROOT);
                String v = String.valueOf(rdn.getValue());
                if (t.equals("CN")) {
                    cn = v;
                } else if (t.equals("SERIALNUMBER")) {
                    serial = v;
                } else if (keys.containsKey(t)) {
                    multi.computeIfAbsent(keys.get(t), k -> new ArrayList<>()).add(0, v);
                }
            }
        } catch (InvalidNameException e) {
            // leave the name empty
        }
        TreeMap<RegoValue, RegoValue> m = new TreeMap<>();
        m.put(RegoValue.of("CommonName"), RegoValue.of(cn));
        m.put(RegoValue.of("SerialNumber"), RegoValue.of(serial));
        for (String f : List.of(
                "Country",
                "Organization",
                "OrganizationalUnit",
                "Locality",
                "Province",
                "StreetAddress",
                "PostalCode")) {
            m.put(RegoValue.of(f), strings(multi.getOrDefault(f, List.of())));
        }
        return new RegoValue.Obj(m);
    }
}
