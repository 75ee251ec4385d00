#include "app/Logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <map>
#include <sstream>

namespace caredesk::server {

namespace {
const char *const kLoggerNames[] = {"app", "net", "db", "auth", "admin", "sched", "chat"};
}

std::shared_ptr<spdlog::logger> subsystemLogger(const char *name) {
    auto logger = spdlog::get(name);
    return logger ? logger : spdlog::default_logger();
}

void configureLogging(const std::string &levels, const std::filesystem::path &file) {
    std::vector<spdlog::sink_ptr> sinks;
    if (file.empty())
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    else
        sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file.string()));
    auto level = spdlog::level::info;
    std::map<std::string, spdlog::level::level_enum> overrides;
    std::stringstream parts(levels);
    std::string part;
    while (std::getline(parts, part, ',')) {
        const auto eq = part.find('=');
        if (eq == std::string::npos)
            level = spdlog::level::from_str(part);
        else
            overrides[part.substr(0, eq)] = spdlog::level::from_str(part.substr(eq + 1));
    }
    for (const char *name : kLoggerNames) {
        spdlog::drop(name);
        auto logger = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ [%n] %v");
        const auto it = overrides.find(name);
        logger->set_level(it == overrides.end() ? level : it->second);
        logger->flush_on(spdlog::level::info);
        spdlog::register_logger(logger);
    }
    spdlog::set_default_logger(spdlog::get("app"));
}

} // namespace caredesk::server
