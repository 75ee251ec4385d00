#include "domain/CannedPlaceholders.h"

#include <QObject>
#include <QTest>
#include <string>

using caredesk::domain::expandCannedPlaceholders;
using caredesk::domain::validateCannedPlaceholders;

namespace {
// The refusal's sentence, or "" when the body is accepted.
std::string refusal(std::string_view body) {
    return validateCannedPlaceholders(body).value_or("");
}
bool mentions(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}
} // namespace

class CannedPlaceholdersTest : public QObject {
    Q_OBJECT

private slots:
    void knownPlaceholdersAreAccepted() {
        QCOMPARE(refusal(""), std::string());
        QCOMPARE(refusal("No placeholders at all."), std::string());
        QCOMPARE(refusal("Hi {firstName}, you are in {state}; the wait is {wait}. I am {myName}."),
                 std::string());
        QCOMPARE(refusal("{firstName}{firstName}{wait}"), std::string());
        // A closing brace alone opens nothing: smileys and the like stay allowed.
        QCOMPARE(refusal("See you soon :} {myName}"), std::string());
        QCOMPARE(refusal("caf\xC3\xA9 {state} \xF0\x9F\x98\x8A"), std::string());
    }

    void unknownPlaceholdersAreNamed() {
        const auto lastName = refusal("Dear {firstName} {lastName},");
        QVERIFY2(mentions(lastName, "unknown placeholder {lastName}"), lastName.c_str());
        QVERIFY2(mentions(lastName, "{firstName}, {state}, {wait} or {myName}"), lastName.c_str());
        // Placeholders are case-sensitive: a near miss is refused, not guessed.
        QVERIFY(mentions(refusal("Hi {firstname}"), "{firstname}"));
        QVERIFY(mentions(refusal("Hi {}"), "unknown placeholder {}"));
        QVERIFY(mentions(refusal("{{firstName}}"), "unclosed placeholder \"{\""));
    }

    void unclosedBracesAreRefused() {
        const auto open = refusal("Hi {first");
        QVERIFY2(mentions(open, "unclosed placeholder \"{first\""), open.c_str());
        const auto beforeAnother = refusal("Hi {first {state}");
        QVERIFY2(mentions(beforeAnother, "unclosed placeholder \"{first \""),
                 beforeAnother.c_str());
        QVERIFY(mentions(refusal("ends with {"), "unclosed placeholder \"{\""));
    }

    void longExcerptsAreCutAtACharacterBoundary() {
        // 30 two-byte characters after the brace: the excerpt stops at 40 bytes
        // or just before, never inside a character.
        std::string body = "{";
        for (int i = 0; i < 30; ++i)
            body += "\xC3\xA9";
        const auto text = refusal(body);
        const auto start = text.find('"') + 1;
        const auto quoted = text.substr(start, text.find('"', start) - start);
        QVERIFY(quoted.size() <= 40);
        QCOMPARE(quoted.size() % 2, std::size_t(1)); // "{" plus whole characters
    }

    void expandFillsKnownPlaceholders() {
        const std::map<std::string, std::string, std::less<>> values = {
            {"{firstName}", "Pat"},
            {"{state}", "Washington"},
            {"{wait}", "about 15 minutes"},
            {"{myName}", "Sam"}};
        QCOMPARE(expandCannedPlaceholders("Hi {firstName}, the wait in {state} is {wait}. - "
                                          "{myName}",
                                          values),
                 std::string("Hi Pat, the wait in Washington is about 15 minutes. - Sam"));
        QCOMPARE(expandCannedPlaceholders("{firstName}{firstName}", values), std::string("PatPat"));
        QCOMPARE(expandCannedPlaceholders("", values), std::string());
        // Values are inserted as they are, never expanded again.
        const std::map<std::string, std::string, std::less<>> tricky = {{"{firstName}", "{state}"},
                                                                        {"{state}", "WA"}};
        QCOMPARE(expandCannedPlaceholders("{firstName} in {state}", tricky),
                 std::string("{state} in WA"));
    }

    void expandLeavesTheRestAsWritten() {
        const std::map<std::string, std::string, std::less<>> values = {{"{firstName}", "Pat"}};
        // No value: the placeholder stays, so the caregiver sees what to fill in.
        QCOMPARE(expandCannedPlaceholders("Hi {firstName}, about {wait}.", values),
                 std::string("Hi Pat, about {wait}."));
        QCOMPARE(expandCannedPlaceholders("{lastName} {first :} {firstName}", values),
                 std::string("{lastName} {first :} Pat"));
        // Keys that are not placeholders are never used.
        const std::map<std::string, std::string, std::less<>> stray = {{"{lastName}", "Doe"}};
        QCOMPARE(expandCannedPlaceholders("{lastName}", stray), std::string("{lastName}"));
    }
};

QTEST_GUILESS_MAIN(CannedPlaceholdersTest)
#include "CannedPlaceholdersTest.moc"
