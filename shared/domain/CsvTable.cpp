#include "domain/CsvTable.h"

#include <optional>
#include <utility>

namespace caredesk::domain {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// What an admin most likely has to do when the encoding is wrong: spreadsheets
// save Windows-1252 or UTF-16 unless told otherwise.
constexpr std::string_view kSaveAsUtf8 = "; save the file as \"CSV UTF-8\"";

std::string hexByte(unsigned char byte) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0x0F];
}

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// Why the character starting at text[at] is not well-formed UTF-8, or nullopt
// with `length` set to its size in bytes. The ranges are those of RFC 3629:
// no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
std::optional<std::string> utf8Problem(std::string_view text, std::size_t at, std::size_t &length) {
    const auto lead = static_cast<unsigned char>(text[at]);
    unsigned char secondMin = 0x80;
    unsigned char secondMax = 0xBF;
    if (lead < 0x80) {
        length = 1;
        return std::nullopt;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondMin = 0xA0; // below is an overlong form of U+0000..U+07FF
        if (lead == 0xED)
            secondMax = 0x9F; // above is a surrogate
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondMin = 0x90; // below is an overlong form of U+0000..U+FFFF
        if (lead == 0xF4)
            secondMax = 0x8F; // above is beyond U+10FFFF
    } else if (lead == 0xC0 || lead == 0xC1) {
        return "overlong encoding starting with byte " + hexByte(lead);
    } else if (isContinuation(lead)) {
        return "byte " + hexByte(lead) + " does not start a character";
    } else {
        return "byte " + hexByte(lead) + " never appears in UTF-8";
    }
    for (std::size_t i = 1; i < length; ++i)
        if (at + i >= text.size() || !isContinuation(static_cast<unsigned char>(text[at + i])))
            return "incomplete character starting with byte " + hexByte(lead);
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (second < secondMin)
        return "overlong encoding starting with bytes " + hexByte(lead) + " " + hexByte(second);
    if (second > secondMax)
        return lead == 0xED ? "encoded surrogate " + hexByte(lead) + " " + hexByte(second)
                            : "character beyond U+10FFFF starting with bytes " + hexByte(lead) +
                                  " " + hexByte(second);
    return std::nullopt;
}

// The first NUL byte or malformed UTF-8 character in text, with its line.
std::optional<CsvError> encodingError(std::string_view text) {
    int line = 1;
    for (std::size_t at = 0; at < text.size();) {
        if (text[at] == '\0')
            return CsvError{line, "the text contains a NUL byte, so it is not a text file in "
                                  "UTF-8 (perhaps UTF-16 or a spreadsheet's own format)" +
                                      std::string(kSaveAsUtf8)};
        if (text[at] == '\n')
            ++line;
        std::size_t length = 1;
        if (auto problem = utf8Problem(text, at, length))
            return CsvError{line, "the text is not valid UTF-8 (" + *problem + ")" +
                                      std::string(kSaveAsUtf8)};
        at += length;
    }
    return std::nullopt;
}

// Reads records from text known to be well-formed UTF-8 without NUL bytes.
// Each read stops either at the end of a field (end of text, ',', LF or CRLF)
// or with m_error set.
class CsvReader {
public:
    CsvReader(std::string_view text, const CsvLimits &limits)
        : m_text(text)
        , m_limits(limits) {}

    std::variant<CsvTable, CsvError> read() {
        CsvTable table;
        while (m_pos < m_text.size()) {
            if (at(0) == '\n' || (at(0) == '\r' && at(1) == '\n')) {
                m_pos += at(0) == '\r' ? 2 : 1; // an empty line
                ++m_line;
                continue;
            }
            if (table.rows.size() >= m_limits.maxRows)
                return CsvError{m_line, "the file has more than " +
                                            std::to_string(m_limits.maxRows) +
                                            " records (rows, the header included); the limit is " +
                                            std::to_string(m_limits.maxRows)};
            CsvRow row;
            row.line = m_line;
            if (!readRecord(row))
                return std::move(*m_error);
            table.rows.push_back(std::move(row));
        }
        return table;
    }

private:
    // The byte `offset` past the current one, or '\0' past the end (the text
    // holds no NUL, so '\0' means only that).
    char at(std::size_t offset) const {
        return m_pos + offset < m_text.size() ? m_text[m_pos + offset] : '\0';
    }

    bool fail(int line, std::string message) {
        m_error = CsvError{line, std::move(message)};
        return false;
    }

    bool failLoneCarriageReturn() {
        return fail(m_line, "carriage return (CR) not followed by a line feed; lines must end "
                            "with LF or CRLF");
    }

    bool readRecord(CsvRow &row) {
        for (;;) {
            const int fieldLine = m_line;
            std::string field;
            if (!(at(0) == '"' ? readQuoted(field) : readUnquoted(field)))
                return false;
            if (field.size() > m_limits.maxFieldBytes)
                return fail(fieldLine, "field " + std::to_string(row.fields.size() + 1) + " is " +
                                           std::to_string(field.size()) +
                                           " bytes long; the limit is " +
                                           std::to_string(m_limits.maxFieldBytes) + " bytes");
            row.fields.push_back(std::move(field));
            if (row.fields.size() > m_limits.maxFields)
                return fail(row.line,
                            "the record has more than " + std::to_string(m_limits.maxFields) +
                                " fields; the limit is " + std::to_string(m_limits.maxFields));
            if (m_pos >= m_text.size())
                return true;
            if (at(0) == ',') {
                ++m_pos;
                continue;
            }
            m_pos += at(0) == '\r' ? 2 : 1; // LF or CRLF: the record ends
            ++m_line;
            return true;
        }
    }

    bool readUnquoted(std::string &field) {
        const auto start = m_pos;
        for (; m_pos < m_text.size(); ++m_pos) {
            const char c = m_text[m_pos];
            if (c == ',' || c == '\n' || (c == '\r' && at(1) == '\n'))
                break;
            if (c == '\r')
                return failLoneCarriageReturn();
            if (c == '"')
                return fail(m_line, "quote (\") inside an unquoted field; a field holding quotes "
                                    "must be enclosed in quotes, with each quote inside doubled "
                                    "(\"\")");
        }
        field.assign(m_text.substr(start, m_pos - start));
        return true;
    }

    bool readQuoted(std::string &field) {
        const int openLine = m_line;
        ++m_pos; // the opening quote
        for (;;) {
            if (m_pos >= m_text.size())
                return fail(openLine, "unterminated quoted field (opened here)");
            const char c = m_text[m_pos];
            if (c == '"') {
                if (at(1) != '"')
                    break;
                field += '"';
                m_pos += 2;
                continue;
            }
            if (c == '\n')
                ++m_line;
            field += c;
            ++m_pos;
        }
        ++m_pos; // the closing quote
        if (m_pos >= m_text.size() || at(0) == ',' || at(0) == '\n' ||
            (at(0) == '\r' && at(1) == '\n'))
            return true;
        if (at(0) == '\r')
            return failLoneCarriageReturn();
        return fail(m_line, "text after the closing quote of a quoted field; a quote inside a "
                            "quoted field must be doubled (\"\")");
    }

    std::string_view m_text;
    const CsvLimits &m_limits;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::optional<CsvError> m_error;
};

} // namespace

std::variant<CsvTable, CsvError> parseCsv(std::string_view text, const CsvLimits &limits) {
    if (text.size() > limits.maxBytes)
        return CsvError{0, "the file is " + std::to_string(text.size()) +
                               " bytes, larger than the limit of " +
                               std::to_string(limits.maxBytes) + " bytes"};
    if (text.starts_with(kByteOrderMark))
        text.remove_prefix(kByteOrderMark.size());
    if (auto error = encodingError(text))
        return std::move(*error);
    return CsvReader(text, limits).read();
}

} // namespace caredesk::domain
