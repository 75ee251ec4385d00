#include "domain/TimeZoneDatabase.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace caredesk::domain {

namespace {

constexpr std::size_t kMaxZoneNameLength = 255;
// Reading stops here: a bigger file is refused by the parser as not a TZif file.
constexpr std::size_t kReadLimitBytes = (1 << 20) + 1;

bool isNameCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '+' || c == '.';
}

} // namespace

TimeZoneDatabase::TimeZoneDatabase(std::string directory)
    : m_directory(std::move(directory)) {}

std::string TimeZoneDatabase::defaultDirectory() {
    const char *fromEnvironment = std::getenv("TZDIR");
    if (fromEnvironment != nullptr && *fromEnvironment != '\0')
        return fromEnvironment;
    return "/usr/share/zoneinfo";
}

std::optional<std::string> TimeZoneDatabase::checkZoneName(std::string_view name) {
    if (name.empty())
        return "empty time zone name";
    if (name.size() > kMaxZoneNameLength)
        return "time zone name longer than 255 characters";
    if (name.front() == '/')
        return "time zone name must not be an absolute path";
    std::size_t componentStart = 0;
    while (componentStart <= name.size()) {
        auto componentEnd = name.find('/', componentStart);
        if (componentEnd == std::string_view::npos)
            componentEnd = name.size();
        const auto component = name.substr(componentStart, componentEnd - componentStart);
        if (component.empty())
            return "time zone name has an empty path component";
        if (component == "." || component == "..")
            return "time zone name must not contain \".\" or \"..\" components";
        if (component.front() == '.' || component.front() == '-')
            return "time zone name component starts with '.' or '-'";
        for (const char c : component) {
            if (!isNameCharacter(c))
                return "time zone name contains a character other than letters, digits, "
                       "'_', '-', '+', '.' and '/'";
        }
        componentStart = componentEnd + 1;
    }
    return std::nullopt;
}

TimeZoneLoad TimeZoneDatabase::load(std::string_view name) const {
    if (const auto problem = checkZoneName(name))
        return TimeZoneLoad{nullptr, *problem};
    const std::string key(name);
    {
        const std::lock_guard lock(m_mutex);
        if (const auto found = m_zones.find(key); found != m_zones.end())
            return TimeZoneLoad{found->second, {}};
    }

    // Read and parse outside the lock; two threads racing on one new zone both
    // parse it and the first to finish is kept.
    const std::filesystem::path path = std::filesystem::path(m_directory) / key;
    std::error_code fileError;
    if (!std::filesystem::is_regular_file(path, fileError)) {
        if (key == "UTC")
            return TimeZoneLoad{TimeZone::utc(), {}};
        return TimeZoneLoad{nullptr, "unknown time zone \"" + key + "\""};
    }
    std::ifstream file(path, std::ios::binary);
    std::string bytes;
    if (file) {
        bytes.resize(kReadLimitBytes);
        file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(file.gcount()));
    }
    if (!file && !file.eof())
        return TimeZoneLoad{nullptr, "time zone \"" + key + "\": file cannot be read"};

    TimeZoneLoad loaded = TimeZone::fromTzif(key, bytes);
    if (!loaded)
        return loaded;
    const std::lock_guard lock(m_mutex);
    const auto entry = m_zones.emplace(key, std::move(loaded.zone)).first;
    return TimeZoneLoad{entry->second, {}};
}

} // namespace caredesk::domain
