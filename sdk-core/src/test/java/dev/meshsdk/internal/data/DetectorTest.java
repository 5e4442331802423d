package dev.meshsdk.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each detector on values it must accept and on look-alikes it must refuse. */
class DetectorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    private static void judges(Detector d, List<String> yes, List<String> no) {
        assertThat(yes).allSatisfy(v -> assertThat(d.matches(v))
                .as("%s accepts '%s'", d.name(), v)
                .isTrue());
        assertThat(no).allSatisfy(v -> assertThat(d.matches(v))
                .as("%s refuses '%s'", d.name(), v)
                .isFalse());
    }

    @Test
    void email() {
        judges(
                new EmailDetector(),
                List.of(
                        "jane.doe@example.com",
                        "j+tag@mail.example.co.uk",
                        "o'brien@example.ie",
                        "X_Y@sub.example.museum"),
                List.of(
                        "jane.doe@",
                        "@example.com",
                        "jane@@example.com",
                        "jane@example",
                        "jane doe@example.com",
                        "https://example.com/@jane",
                        "jane@example.c",
                        "user@-example.com",
                        "a.@b..com"));
    }

    @Test
    void phone() {
        judges(
                new PhoneDetector(),
                List.of(
                        "+49 30 1234567",
                        "+1 (555) 234-5678",
                        "0049 30 12345678",
                        "(555) 234-5678",
                        "555-234-5678",
                        "555.234.5678",
                        "030 1234567",
                        "0171/1234567",
                        "+44 20 7946 0958",
                        "+33612345678"),
                List.of(
                        "1234567890",
                        "20240115",
                        "2024-01-15",
                        "12:30:45",
                        "192.168.0.1",
                        "4111 1111 1111 1111",
                        "+12",
                        "ORD-2024-0001",
                        "01-15-2024",
                        "3.14159",
                        "+49 30 1234567 ext 12",
                        "555-1234"));
    }

    @Test
    void iban() {
        judges(
                new IbanDetector(),
                List.of(
                        "DE89370400440532013000",
                        "DE89 3704 0044 0532 0130 00",
                        "GB82WEST12345698765432",
                        "FR1420041010050500013M02606",
                        "NL91ABNA0417164300",
                        "gb82west12345698765432"),
                List.of(
                        "DE89370400440532013001",
                        "DE8937040044053201300",
                        "XX89370400440532013000",
                        "GB82WEST1234569876543A",
                        "1234567890123456789012",
                        "DE89-3704-0044-0532-0130-00"));
    }

    @Test
    void cardNumber() {
        judges(
                new CardNumberDetector(),
                List.of(
                        "4111111111111111",
                        "4111 1111 1111 1111",
                        "5555-5555-5555-4444",
                        "378282246310005",
                        "6011111111111117",
                        "3530111333300000",
                        "2223003122003222"),
                List.of(
                        "4111111111111112",
                        "1234567812345670",
                        "0000000000000000",
                        "4444444444444444",
                        "411111111111111",
                        "4111 1111 1111 111x",
                        "99999999999999999999"));
    }

    @Test
    void ipAddress() {
        judges(
                new IpAddressDetector(),
                List.of(
                        "192.0.2.17",
                        "10.0.0.1",
                        "255.255.255.255",
                        "2001:db8::1",
                        "::1",
                        "fe80::1%eth0",
                        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                        "::ffff:192.0.2.1",
                        "2001:db8::"),
                List.of(
                        "256.1.1.1",
                        "1.2.3",
                        "01.2.3.4",
                        "1.2.3.4.5",
                        "12:30:45",
                        "00:1A:2B:3C:4D:5E",
                        "2001:db8:::1",
                        "1::2::3",
                        "v1.2.3.4",
                        "2001:db8:85a3:0:0:8a2e:370:7334:1",
                        "abc"));
    }

    @Test
    void birthDateOnlyInABirthColumnAndInAPlausibleRange() {
        BirthDateDetector d = new BirthDateDetector(CLOCK);
        assertThat(List.of("date_of_birth", "birth_date", "DOB", "birthday", "born_on", "Geburtsdatum", "customerDob"))
                .allSatisfy(c -> assertThat(d.appliesTo(c)).as(c).isTrue());
        assertThat(List.of("order_date", "created_at", "birth_place", "country_of_birth", "shipped", "doc_id"))
                .allSatisfy(c -> assertThat(d.appliesTo(c)).as(c).isFalse());
        judges(
                d,
                List.of("1985-04-12", "12.04.1985", "04/12/1985", "19850412", "1990-01-31T00:00:00", "2026-06-01"),
                List.of("2026-06-02", "1890-01-01", "1985-13-01", "1985-02-30", "12/31", "yesterday", "1985"));
    }

    @Test
    void personNameOnlyInANameColumn() {
        PersonNameDetector d = new PersonNameDetector();
        assertThat(List.of("first_name", "FirstName", "surname", "full_name", "last-name", "customer_name", "vorname"))
                .allSatisfy(c -> assertThat(d.appliesTo(c)).as(c).isTrue());
        assertThat(List.of("name", "product_name", "company_name", "file_name", "username", "domain"))
                .allSatisfy(c -> assertThat(d.appliesTo(c)).as(c).isFalse());
        judges(
                d,
                List.of("Jane", "Jane Doe", "Jean-Luc Picard", "O'Brien", "José María García", "J. R. R. Tolkien"),
                List.of("J", "Jane2", "jane@example.com", "A B C D E", "#1 customer", "Jane_Doe"));
    }

    @Test
    void everyDetectorIsListedOnceByName() {
        assertThat(Detector.all(CLOCK))
                .extracting(Detector::name)
                .containsExactly("email", "phone", "iban", "card_number", "ip_address", "date_of_birth", "person_name");
    }
}
