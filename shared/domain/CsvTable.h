#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace caredesk::domain {

// How much a CSV file may hold before it is refused. The defaults fit a bulk
// import of caregivers with room to spare and keep a hostile upload small.
struct CsvLimits {
    std::size_t maxBytes = 1'000'000; // the whole text, byte-order mark included
    std::size_t maxRows = 5000;       // records, the header row included
    std::size_t maxFields = 40;       // fields in one record
    std::size_t maxFieldBytes = 1000; // one field's value, quotes removed
};

// One record: its fields exactly as written (unquoted, doubled quotes made
// single, nothing trimmed; the caller trims).
struct CsvRow {
    int line = 0; // 1-based line where the record starts
    std::vector<std::string> fields;
};

// Why a file was refused. message is a plain English sentence for an admin
// without a "line N:" prefix; the caller adds it from line.
struct CsvError {
    int line = 0; // 0 when it concerns the whole file
    std::string message;
};

struct CsvTable {
    std::vector<CsvRow> rows; // includes the header row as rows[0] if present
};

// Parses the whole text as RFC 4180 CSV or says why not, naming the line.
// Fields are separated by commas and records end at LF or CRLF; a quoted field
// may hold commas, doubled quotes and line breaks. A UTF-8 byte-order mark at
// the start is skipped and completely empty lines are skipped. The text must be
// valid UTF-8 without NUL bytes. Malformed input is an error, never an exception.
std::variant<CsvTable, CsvError> parseCsv(std::string_view text, const CsvLimits &limits = {});

} // namespace caredesk::domain
