#pragma once

#include <spdlog/logger.h>

#include <filesystem>
#include <memory>
#include <string>

namespace caredesk::server {

// The named loggers, one per subsystem: app, net, db, auth, admin, sched, chat.
// Before configureLogging() (e.g. in tests) every name yields spdlog's default.
std::shared_ptr<spdlog::logger> subsystemLogger(const char *name);

// levels: "info" or "info,net=debug,db=warn"; an empty file means standard error.
void configureLogging(const std::string &levels, const std::filesystem::path &file);

} // namespace caredesk::server
