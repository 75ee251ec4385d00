#include "domain/CsvTable.h"

#include <QObject>
#include <QTest>
#include <algorithm>
#include <random>
#include <string>
#include <variant>
#include <vector>

using caredesk::domain::CsvError;
using caredesk::domain::CsvLimits;
using caredesk::domain::CsvTable;
using caredesk::domain::parseCsv;

namespace {

const std::string kBom = "\xEF\xBB\xBF"; // the UTF-8 byte-order mark

// A field as it is shown in a rendering: in brackets, with CR and LF spelled
// out so a failed comparison is readable.
std::string shown(const std::string &field) {
    std::string out = "[";
    for (const char c : field) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out + "]";
}

// What parseCsv made of text, as one line per record: "<line>: [field][field]".
// A refusal renders as "error at line N: message", so a QCOMPARE against the
// expected rows shows the reason when the text was refused.
QByteArray rowsOf(std::string_view text, const CsvLimits &limits = {}) {
    const auto result = parseCsv(text, limits);
    if (const auto *error = std::get_if<CsvError>(&result))
        return QByteArray::fromStdString("error at line " + std::to_string(error->line) + ": " +
                                         error->message);
    std::string out;
    for (const auto &row : std::get<CsvTable>(result).rows) {
        out += std::to_string(row.line) + ":";
        for (const auto &field : row.fields)
            out += shown(field);
        out += "\n";
    }
    return QByteArray::fromStdString(out);
}

// The refusal of text; line -1 and the rows read when it was accepted.
CsvError errorOf(std::string_view text, const CsvLimits &limits = {}) {
    const auto result = parseCsv(text, limits);
    if (const auto *error = std::get_if<CsvError>(&result))
        return *error;
    return CsvError{-1, "accepted as:\n" + rowsOf(text, limits).toStdString()};
}

// For QVERIFY2: the refusal as "line N: message", or "" when accepted.
std::string refusalOf(const std::variant<CsvTable, CsvError> &result) {
    const auto *error = std::get_if<CsvError>(&result);
    return error ? "line " + std::to_string(error->line) + ": " + error->message : std::string();
}

bool mentions(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

// Refused at line `atLine` with a message containing `part`.
#define CHECK_REFUSED(text, atLine, part)                                                          \
    do {                                                                                           \
        const auto error_ = errorOf(text);                                                         \
        QVERIFY2(mentions(error_.message, part), error_.message.c_str());                          \
        QCOMPARE(error_.line, atLine);                                                             \
    } while (false)

// The same for given limits.
#define CHECK_REFUSED_WITH(text, limits, atLine, part)                                             \
    do {                                                                                           \
        const auto error_ = errorOf(text, limits);                                                 \
        QVERIFY2(mentions(error_.message, part), error_.message.c_str());                          \
        QCOMPARE(error_.line, atLine);                                                             \
    } while (false)

// text refused as invalid UTF-8 at line `atLine`.
#define CHECK_NOT_UTF8(text, atLine)                                                               \
    CHECK_REFUSED(std::string_view(text), atLine, "not valid UTF-8")

// One field written the RFC 4180 way: quoted when it must be, quotes doubled.
std::string written(const std::string &field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos)
        return field;
    std::string out = "\"";
    for (const char c : field)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

class CsvTableTest : public QObject {
    Q_OBJECT

private slots:
    void simpleFileIsReadRecordByRecord() {
        const std::string text = "username,displayName,states\n"
                                 "ann,Ann Lee,WA\n"
                                 "bo,Bo Diaz,OR\n";
        QCOMPARE(rowsOf(text), QByteArray("1:[username][displayName][states]\n"
                                          "2:[ann][Ann Lee][WA]\n"
                                          "3:[bo][Bo Diaz][OR]\n"));
        const auto table = std::get<CsvTable>(parseCsv(text));
        QCOMPARE(table.rows.size(), std::size_t(3));
        QCOMPARE(table.rows[1].line, 2);
        QCOMPARE(table.rows[1].fields, (std::vector<std::string>{"ann", "Ann Lee", "WA"}));
    }

    void fieldsAreKeptAsWritten() {
        // No trimming: the caller trims. Empty fields count, at either end too.
        QCOMPARE(rowsOf(" ann , Ann Lee ,\t WA\n"), QByteArray("1:[ ann ][ Ann Lee ][\t WA]\n"));
        QCOMPARE(rowsOf(",a,\n"), QByteArray("1:[][a][]\n"));
        QCOMPARE(rowsOf(",,"), QByteArray("1:[][][]\n"));
        QCOMPARE(rowsOf("a,"), QByteArray("1:[a][]\n"));
        // A line of spaces is not empty: it is a record with one field.
        QCOMPARE(rowsOf("a\n  \nb\n"), QByteArray("1:[a]\n2:[  ]\n3:[b]\n"));
        // Records may differ in length; checking that is the caller's business.
        QCOMPARE(rowsOf("a,b,c\nd\n"), QByteArray("1:[a][b][c]\n2:[d]\n"));
    }

    void crlfEndsRecordsLikeLf() {
        QCOMPARE(rowsOf("a,b\r\nc,d\r\n"), QByteArray("1:[a][b]\n2:[c][d]\n"));
        QCOMPARE(rowsOf("a,b\r\nc,d\ne,f\r\ng,h"),
                 QByteArray("1:[a][b]\n2:[c][d]\n3:[e][f]\n4:[g][h]\n"));
        QCOMPARE(rowsOf("a,\r\n,b\r\n"), QByteArray("1:[a][]\n2:[][b]\n"));
        QCOMPARE(rowsOf("\"a\"\r\n\"b\"\r\n"), QByteArray("1:[a]\n2:[b]\n"));
    }

    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        QCOMPARE(rowsOf("\"Lee, Ann\",WA\n"), QByteArray("1:[Lee, Ann][WA]\n"));
        QCOMPARE(rowsOf("\"say \"\"hi\"\"\",\"\"\"\",\"\"\"\"\"\"\n"),
                 QByteArray("1:[say \"hi\"][\"][\"\"]\n"));
        QCOMPARE(rowsOf("\"\",\"\"\n\"\"\n"), QByteArray("1:[][]\n2:[]\n"));
        QCOMPARE(rowsOf("a,\"b\""), QByteArray("1:[a][b]\n"));
        // A record spanning lines keeps the line it starts on; the next records
        // are numbered by the lines they really start on.
        QCOMPARE(rowsOf("username,note\n"
                        "ann,\"first line\n"
                        "second line\"\n"
                        "bo,\"one\n"
                        "\n"
                        "three\",x\n"
                        "cy,plain\n"),
                 QByteArray("1:[username][note]\n"
                            "2:[ann][first line\\nsecond line]\n"
                            "4:[bo][one\\n\\nthree][x]\n"
                            "7:[cy][plain]\n"));
        // CRLF inside quotes is content, written as it is, and counts one line.
        QCOMPARE(rowsOf("\"a\r\nb\",c\r\nd,e\r\n"), QByteArray("1:[a\\r\\nb][c]\n3:[d][e]\n"));
        // A lone CR is only refused outside quotes.
        QCOMPARE(rowsOf("\"a\rb\"\nc\n"), QByteArray("1:[a\\rb]\n2:[c]\n"));
        // A quoted field of line breaks only.
        QCOMPARE(rowsOf("\"\n\n\n\",x\ny\n"), QByteArray("1:[\\n\\n\\n][x]\n5:[y]\n"));
    }

    void byteOrderMarkIsSkipped() {
        QCOMPARE(rowsOf(kBom + "username,state\nann,WA\n"),
                 QByteArray("1:[username][state]\n2:[ann][WA]\n"));
        QCOMPARE(rowsOf(kBom + "\"quoted\"\n"), QByteArray("1:[quoted]\n"));
        QCOMPARE(rowsOf(kBom), QByteArray());
        // Only at the start: elsewhere U+FEFF is content.
        QCOMPARE(rowsOf("a," + kBom + "b\n"), QByteArray::fromStdString("1:[a][" + kBom + "b]\n"));
        // Only one is skipped.
        QCOMPARE(rowsOf(kBom + kBom + "a"), QByteArray::fromStdString("1:[" + kBom + "a]\n"));
    }

    void emptyLinesAreSkipped() {
        QCOMPARE(rowsOf("\n\na,b\n\n\r\nc,d\n\n"), QByteArray("3:[a][b]\n6:[c][d]\n"));
        QCOMPARE(rowsOf("\r\n\r\n"), QByteArray());
        QCOMPARE(rowsOf(""), QByteArray());
        QCOMPARE(rowsOf("\n"), QByteArray());
    }

    void lastLineNeedNotEndWithANewline() {
        QCOMPARE(rowsOf("a,b\nc,d"), QByteArray("1:[a][b]\n2:[c][d]\n"));
        QCOMPARE(rowsOf("a,b\nc,d\n"), QByteArray("1:[a][b]\n2:[c][d]\n"));
        QCOMPARE(rowsOf("a,b\r\nc,d\r\n"), QByteArray("1:[a][b]\n2:[c][d]\n"));
        QCOMPARE(rowsOf("only"), QByteArray("1:[only]\n"));
        QCOMPARE(rowsOf("a\n\"b\nc\""), QByteArray("1:[a]\n2:[b\\nc]\n"));
    }

    void unterminatedQuoteNamesTheLineItOpenedOn() {
        CHECK_REFUSED("a,b\nc,\"open\nmore\nstill\n", 2, "unterminated quoted field (opened here)");
        CHECK_REFUSED("\"", 1, "unterminated quoted field");
        CHECK_REFUSED("a\n\"b\"\"", 2, "unterminated quoted field");
        // Counted past an earlier multi-line field.
        CHECK_REFUSED("h\n\"x\n\ny\"\n\nz\n\"never closed", 7, "unterminated quoted field");
    }

    void quoteInsideAnUnquotedFieldIsRefused() {
        CHECK_REFUSED("a,b\nc,d\"e\n", 2, "quote (\") inside an unquoted field");
        CHECK_REFUSED("a,b\"", 1, "inside an unquoted field");
        // A space before the opening quote makes the field unquoted.
        CHECK_REFUSED("x\ny\nz, \"quoted\"\n", 3, "inside an unquoted field");
    }

    void textAfterAClosingQuoteIsRefused() {
        CHECK_REFUSED("a\n\"x\"y,z\n", 2, "text after the closing quote");
        CHECK_REFUSED("\"x\" ,y", 1, "text after the closing quote");
        // Named on the line of the closing quote, where the stray text is.
        CHECK_REFUSED("h\n\"a\nb\"c\n", 3, "text after the closing quote");
    }

    void loneCarriageReturnIsRefused() {
        CHECK_REFUSED("a,b\rc,d\n", 1, "carriage return (CR) not followed by a line feed");
        CHECK_REFUSED("a\nb\r", 2, "carriage return (CR)");
        CHECK_REFUSED("a\n\rb\n", 2, "carriage return (CR)");
        CHECK_REFUSED("a\n\n\"q\"\rb", 3, "carriage return (CR)");
        CHECK_REFUSED("a\r\r\n", 1, "carriage return (CR)");
    }

    void nulBytesAreRefused() {
        CHECK_REFUSED(std::string_view("a\nb\0c\n", 6), 2, "NUL byte");
        CHECK_REFUSED(std::string_view("\"a\n\0\"", 5), 2, "NUL byte");
        // UTF-16 is where NUL bytes usually come from.
        CHECK_REFUSED(std::string_view("a\0,\0b\0", 6), 1, "NUL byte");
    }

    void wellFormedUtf8IsAccepted() {
        QCOMPARE(rowsOf("caf\xC3\xA9,\xE6\x97\xA5\xE6\x9C\xAC,\xF0\x9F\x98\x8A\n"),
                 QByteArray("1:[caf\xC3\xA9][\xE6\x97\xA5\xE6\x9C\xAC][\xF0\x9F\x98\x8A]\n"));
        // The edges of the ranges: U+0080, U+07FF, U+0800, U+D7FF, U+E000,
        // U+FFFF, U+10000, U+10FFFF.
        const std::string edges = "\xC2\x80,\xDF\xBF,\xE0\xA0\x80,\xED\x9F\xBF,\xEE\x80\x80,"
                                  "\xEF\xBF\xBF,\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF";
        const auto result = parseCsv(edges);
        QVERIFY2(std::holds_alternative<CsvTable>(result), refusalOf(result).c_str());
        QCOMPARE(std::get<CsvTable>(result).rows.at(0).fields.size(), std::size_t(8));
    }

    void malformedUtf8IsRefusedNamingTheLine() {
        // Windows-1252 "é" as a spreadsheet saves it.
        CHECK_NOT_UTF8("username\ncaf\xE9,WA\n", 2);
        // Overlong forms.
        CHECK_NOT_UTF8("\xC0\x80", 1);
        CHECK_NOT_UTF8("a\n\xC1\xBF", 2);
        CHECK_NOT_UTF8("a\nb\n\xE0\x80\xAF", 3);
        CHECK_NOT_UTF8("\xE0\x9F\xBF", 1);
        CHECK_NOT_UTF8("\xF0\x8F\xBF\xBF", 1);
        // Surrogates U+D800 and U+DFFF.
        CHECK_NOT_UTF8("a\n\xED\xA0\x80", 2);
        CHECK_NOT_UTF8("\xED\xBF\xBF", 1);
        // Beyond U+10FFFF.
        CHECK_NOT_UTF8("\xF4\x90\x80\x80", 1);
        CHECK_NOT_UTF8("\xF5\x80\x80\x80", 1);
        // Truncated sequences: at the end, before a line break, before ASCII.
        CHECK_NOT_UTF8("a\nb\xE2\x82", 2);
        CHECK_NOT_UTF8("\xC3\nb", 1);
        CHECK_NOT_UTF8("a\n\xF0\x9F\x98,b", 2);
        // Bytes that never start a character.
        CHECK_NOT_UTF8("\x80", 1);
        CHECK_NOT_UTF8("a\n\xBF", 2);
        CHECK_NOT_UTF8("\xFF\xFEz", 1);
        // Inside a quoted field spanning lines: the line of the byte.
        CHECK_NOT_UTF8("\"a\nb\xFF\"", 2);
        // A malformed byte-order mark is not skipped.
        CHECK_NOT_UTF8("\xEF\xBBz", 1);
        const auto error = errorOf("caf\xE9");
        QVERIFY2(mentions(error.message, "0xE9"), error.message.c_str());
        QVERIFY2(mentions(error.message, "save the file as \"CSV UTF-8\""), error.message.c_str());
    }

    void textLargerThanTheLimitIsRefusedBeforeParsing() {
        const CsvLimits small{.maxBytes = 10};
        QCOMPARE(rowsOf("abcd,efgh\n", small), QByteArray("1:[abcd][efgh]\n"));
        CHECK_REFUSED_WITH("abcd,efghi\n", small, 0, "limit of 10 bytes");
        // Refused for its size even though it is malformed too.
        CHECK_REFUSED_WITH(std::string_view("\"\0\xFF\r\r\r\r\r\r\r\r", 11), small, 0,
                           "11 bytes, larger than the limit of 10 bytes");
        // The byte-order mark counts: it is in the upload.
        CHECK_REFUSED_WITH(kBom + "abcd,efg", small, 0, "limit of 10 bytes");
        const std::string justOver(1'000'001, 'a');
        CHECK_REFUSED(justOver, 0, "limit of 1000000 bytes");
        const auto atLimit = parseCsv(std::string(1'000'000, '\n'));
        QVERIFY(std::holds_alternative<CsvTable>(atLimit));
    }

    void tooManyRecordsAreRefused() {
        const CsvLimits three{.maxRows = 3};
        QCOMPARE(rowsOf("h\na\nb\n", three), QByteArray("1:[h]\n2:[a]\n3:[b]\n"));
        // Empty lines do not count, but the record's line is where it really is.
        QCOMPARE(rowsOf("h\n\n\na\nb\n\n\n", three), QByteArray("1:[h]\n4:[a]\n5:[b]\n"));
        CHECK_REFUSED_WITH("h\na\n\nb\n\"c\nd\"\n", three, 5, "more than 3 records");
        CHECK_REFUSED_WITH("h\na\nb\nc", three, 4, "the limit is 3");
    }

    void tooManyFieldsAreRefused() {
        const CsvLimits three{.maxFields = 3};
        QCOMPARE(rowsOf("a,b,c\n,,\n", three), QByteArray("1:[a][b][c]\n2:[][][]\n"));
        CHECK_REFUSED_WITH("a,b,c\nd,e,f,g\n", three, 2, "more than 3 fields");
        CHECK_REFUSED_WITH("a\n,,,\n", three, 2, "the limit is 3");
        // A record spanning lines is named by the line it starts on.
        CHECK_REFUSED_WITH("a\n\"b\nc\",\"d\ne\",f,g\n", three, 2, "more than 3 fields");
        // Forty by default.
        std::string forty = "f";
        for (int i = 1; i < 40; ++i)
            forty += ",f";
        QVERIFY(std::holds_alternative<CsvTable>(parseCsv(forty)));
        CHECK_REFUSED("h\n" + forty + ",f", 2, "more than 40 fields");
    }

    void tooLongFieldsAreRefused() {
        const CsvLimits five{.maxFieldBytes = 5};
        QCOMPARE(rowsOf("abcde,\"ab,de\"\n", five), QByteArray("1:[abcde][ab,de]\n"));
        // The value counts, not what is written: ab"cd is five bytes.
        QCOMPARE(rowsOf("\"ab\"\"cd\"", five), QByteArray("1:[ab\"cd]\n"));
        CHECK_REFUSED_WITH("a\nb,abcdef\n", five, 2, "field 2 is 6 bytes long");
        CHECK_REFUSED_WITH("a\nabcdef\n", five, 2, "the limit is 5 bytes");
        // Bytes, not characters: three "é" are six bytes.
        CHECK_REFUSED_WITH("\xC3\xA9\xC3\xA9\xC3\xA9", five, 1, "6 bytes long");
        // A quoted field is named by the line it starts on.
        CHECK_REFUSED_WITH("a\nx,\"ab\ncd\nef\"\n", five, 2, "field 2 is 8 bytes long");
        QVERIFY(std::holds_alternative<CsvTable>(parseCsv(std::string(1000, 'x'))));
        CHECK_REFUSED(std::string(1001, 'x'), 1, "the limit is 1000 bytes");
    }

    void fiveThousandRecordsParse() {
        std::string text = "username,displayName,email,states,roles\r\n";
        for (int i = 2; i <= 5000; ++i)
            text += "user" + std::to_string(i) + ",\"Lee, Ann " + std::to_string(i) + "\",ann" +
                    std::to_string(i) + "@clinic.example,\"WA,OR\",support\r\n";
        QVERIFY(text.size() < CsvLimits{}.maxBytes);
        const auto result = parseCsv(text);
        QVERIFY2(std::holds_alternative<CsvTable>(result), refusalOf(result).c_str());
        const auto &rows = std::get<CsvTable>(result).rows;
        QCOMPARE(rows.size(), std::size_t(5000));
        QCOMPARE(rows.back().line, 5000);
        QCOMPARE(rows.back().fields,
                 (std::vector<std::string>{"user5000", "Lee, Ann 5000", "ann5000@clinic.example",
                                           "WA,OR", "support"}));
        // One more record is over the default limit and named by its line.
        CHECK_REFUSED(text + "one,more,x,y,z\r\n", 5001, "more than 5000 records");
    }

    void writtenTablesReadBackAsTheyWere() {
        // Tables of awkward fields, written the RFC 4180 way, read back equal.
        const std::vector<std::string> pieces = {
            "", "a", " ", ",", "\"", "\n", "\r\n", "\xC3\xA9", "x\"y", "\xF0\x9F\x98\x8A"};
        std::mt19937 random(4180);
        for (int round = 0; round < 500; ++round) {
            std::vector<std::vector<std::string>> expected(1 + random() % 6);
            std::string text;
            for (auto &row : expected) {
                row.resize(1 + random() % 5);
                for (auto &field : row)
                    for (auto n = random() % 4; n > 0; --n)
                        field += pieces[random() % pieces.size()];
                // A record of one empty field would be an empty line, which is skipped.
                if (row.size() == 1 && row[0].empty())
                    row[0] = "z";
                for (std::size_t i = 0; i < row.size(); ++i)
                    text += (i > 0 ? "," : "") + written(row[i]);
                text += round % 2 ? "\r\n" : "\n";
            }
            const auto result = parseCsv(text);
            QVERIFY2(std::holds_alternative<CsvTable>(result), refusalOf(result).c_str());
            const auto &rows = std::get<CsvTable>(result).rows;
            QCOMPARE(rows.size(), expected.size());
            int line = 1;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                QCOMPARE(rows[r].fields, expected[r]);
                QCOMPARE(rows[r].line, line);
                for (const auto &field : expected[r])
                    line += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
                ++line;
            }
        }
    }

    void everyShortTextIsReadOrRefusedWithALine() {
        // All texts of up to seven bytes from the characters that matter: none
        // crashes, every refusal names a line in the text, rows come in order.
        const std::string alphabet = "a,\"\r\n";
        std::string text;
        for (std::size_t length = 0; length <= 7; ++length) {
            std::size_t count = 1;
            for (std::size_t i = 0; i < length; ++i)
                count *= alphabet.size();
            for (std::size_t n = 0; n < count; ++n) {
                text.clear();
                for (std::size_t i = 0, rest = n; i < length; ++i, rest /= alphabet.size())
                    text += alphabet[rest % alphabet.size()];
                const auto lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
                const auto result = parseCsv(text);
                if (const auto *error = std::get_if<CsvError>(&result)) {
                    QVERIFY2(error->line >= 1 && error->line <= lines, text.c_str());
                    QVERIFY2(!error->message.empty(), text.c_str());
                    continue;
                }
                int previous = 0;
                for (const auto &row : std::get<CsvTable>(result).rows) {
                    QVERIFY2(row.line > previous && row.line <= lines, text.c_str());
                    QVERIFY2(!row.fields.empty(), text.c_str());
                    previous = row.line;
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(CsvTableTest)
#include "CsvTableTest.moc"
