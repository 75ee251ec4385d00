#include "app/ServerConfig.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <unistd.h>

extern char **environ;

namespace caredesk::server {

namespace {

using Apply = std::function<std::optional<std::string>(ServerConfig &, const std::string &)>;

struct Option {
    std::string name;      // long flag without dashes; also the config-file key
    std::string valueName; // empty for a switch
    std::string help;
    Apply apply;
};

std::optional<std::string> parseInt(const std::string &text, long long min, long long max,
                                    long long &out) {
    long long value = 0;
    const auto *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end)
        return "expected a whole number, got '" + text + "'";
    if (value < min || value > max)
        return "must be between " + std::to_string(min) + " and " + std::to_string(max);
    out = value;
    return std::nullopt;
}

template <class T>
Apply integer(long long min, long long max, T ServerConfig::*field) {
    return [=](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
        long long n = 0;
        if (auto error = parseInt(v, min, max, n))
            return error;
        c.*field = static_cast<T>(n);
        return std::nullopt;
    };
}

// For options stored in nested structs: field(config) names the value to set.
template <class T>
Apply nested(long long min, long long max, std::function<T &(ServerConfig &)> field) {
    return [=](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
        long long n = 0;
        if (auto error = parseInt(v, min, max, n))
            return error;
        field(c) = T(n);
        return std::nullopt;
    };
}

Apply seconds(long long min, long long max,
              std::function<std::chrono::seconds &(ServerConfig &)> field) {
    return nested<std::chrono::seconds>(min, max, std::move(field));
}

template <class T>
Apply text(T ServerConfig::*field) {
    return [=](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
        c.*field = T(v);
        return std::nullopt;
    };
}

std::optional<bool> parseBool(const std::string &v) {
    if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on")
        return true;
    if (v == "0" || v == "false" || v == "no" || v == "off")
        return false;
    return std::nullopt;
}

const std::vector<Option> &options() {
    static const std::vector<Option> table = {
        {"config", "FILE", "Read options from FILE (key = value lines; [sections] are ignored).",
         text(&ServerConfig::configFile)},
        {"listen", "ADDRESS", "Address to listen on (default 127.0.0.1; 0.0.0.0 for all).",
         text(&ServerConfig::listenAddress)},
        {"port", "N", "TCP port for HTTP and WebSocket (default 8080; 0 picks a free one).",
         integer(0, 65535, &ServerConfig::port)},
        {"io-threads", "N", "Network I/O threads (default 2).",
         integer(1, 64, &ServerConfig::ioThreads)},
        {"db-threads", "N", "Database worker threads, one connection each (default 4).",
         integer(1, 128, &ServerConfig::dbThreads)},
        {"database-url", "URL",
         "PostgreSQL to use (libpq URL or key=value string). Without it the server runs its "
         "own private PostgreSQL in the data directory.",
         text(&ServerConfig::databaseUrl)},
        {"migration-database-url", "URL",
         "The schema owner's connection, used only to apply migrations; --database-url "
         "should then log in as a member of the caredesk_app role, which cannot change the "
         "audit trail (default: migrate with --database-url).",
         text(&ServerConfig::migrationDatabaseUrl)},
        {"data-dir", "DIR",
         "Data directory for the embedded PostgreSQL and runtime files (default "
         "/var/lib/caredesk as root, else ~/.local/share/caredesk).",
         text(&ServerConfig::dataDir)},
        {"web-root", "DIR", "Folder with the patient web page (default: the installed copy).",
         text(&ServerConfig::webRoot)},
        {"tls-cert", "FILE", "PEM certificate chain; with --tls-key serves https:// and wss://.",
         text(&ServerConfig::tlsCertificate)},
        {"tls-key", "FILE", "PEM private key for --tls-cert.", text(&ServerConfig::tlsPrivateKey)},
        {"log-level", "LEVELS",
         "trace, debug, info, warn, error or off; per logger as in 'info,net=debug' "
         "(loggers: app, net, db, auth, admin, sched, chat).",
         text(&ServerConfig::logLevel)},
        {"log-file", "FILE", "Write logs to FILE instead of standard error.",
         text(&ServerConfig::logFile)},
        {"postgres-user", "USER",
         "Account that runs the embedded PostgreSQL when the server runs as root "
         "(default postgres, else nobody).",
         text(&ServerConfig::postgresUser)},
        {"session-idle-timeout", "SECONDS",
         "A session ends after this long without requests (default 1800).",
         seconds(1, 7 * 24 * 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.sessionTimeouts.idle; })},
        {"session-lifetime", "SECONDS", "A session ends this long after login (default 43200).",
         seconds(
             1, 30 * 24 * 3600,
             [](ServerConfig &c) -> std::chrono::seconds & { return c.sessionTimeouts.absolute; })},
        {"login-max-failures", "N",
         "Failed logins per account within the throttle window before throttling (default 5).",
         nested<int>(
             1, 1000,
             [](ServerConfig &c) -> int & { return c.loginThrottle.maxFailuresPerAccount; })},
        {"login-max-failures-per-address", "N",
         "Failed logins per client address within the window (default 30).",
         nested<int>(
             1, 100000,
             [](ServerConfig &c) -> int & { return c.loginThrottle.maxFailuresPerAddress; })},
        {"login-throttle-window", "SECONDS", "Window for counting failed logins (default 900).",
         seconds(1, 24 * 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.loginThrottle.window; })},
        {"password-cost", "PRESET",
         "argon2id cost for new hashes: interactive (default), moderate, or minimum (tests "
         "only). Existing hashes are upgraded at the next login.",
         [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
             if (v != "interactive" && v != "moderate" && v != "minimum")
                 return "must be interactive, moderate or minimum";
             c.passwordCost = v;
             return std::nullopt;
         }},
        {"ws-idle-timeout", "SECONDS",
         "Close a WebSocket that answers no ping for this long (default 60).",
         seconds(5, 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.wsIdleTimeout; })},
        {"patient-grace", "SECONDS",
         "A patient waiting in line who stays disconnected this long loses their place "
         "(default 600). Reconnecting sooner keeps it; a phone may close a page left in the "
         "background, so keep this well above a few minutes.",
         seconds(1, 24 * 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.patientGrace; })},
        {"provider-grace", "SECONDS",
         "A provider not offline whose consoles have all been disconnected this long is set "
         "offline, and visits assigned to them but not started go back to the line "
         "(default 60). A network blip shorter than this changes nothing.",
         seconds(1, 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.providerGrace; })},
        {"invite-validity", "SECONDS",
         "An activation code for a new or reset caregiver account works this long "
         "(default 259200, three days).",
         seconds(60, 90 * 24 * 3600,
                 [](ServerConfig &c) -> std::chrono::seconds & { return c.inviteValidity; })},
        {"license-warning-days", "DAYS",
         "Warn admins and providers about licenses lapsing within this many days (default 30).",
         integer(0, 365, &ServerConfig::licenseWarningDays)},
        {"demo", "",
         "Load demo data (states, hours, caregivers, licenses) if missing and print the demo "
         "admin's credentials.",
         [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
             const auto b = parseBool(v);
             if (!b)
                 return "expected true or false";
             c.demo = *b;
             return std::nullopt;
         }},
        {"create-admin", "USER",
         "Create the admin USER (or reset their password and give them the admin role), "
         "reading the password from standard input, then exit.",
         text(&ServerConfig::createAdmin)},
        {"ready-file", "FILE", "Write the server's base URL to FILE once it is listening.",
         text(&ServerConfig::readyFile)},
        {"audit-key-file", "FILE",
         "Key that seals the audit trail (64 hex digits; made there on first start if missing). "
         "Default: audit-key in the data folder. Every instance of a deployment needs the same "
         "key; keep a copy apart from database backups.",
         text(&ServerConfig::auditKeyFile)},
        {"verify-audit", "",
         "Check that no audit event was changed or deleted since it was sealed, print the "
         "result and exit (1 when the chain is broken).",
         [](ServerConfig &c, const std::string &v) -> std::optional<std::string> {
             const auto b = parseBool(v);
             if (!b)
                 return "expected true or false";
             c.verifyAudit = *b;
             return std::nullopt;
         }},
    };
    return table;
}

const Option *findOption(const std::string &name) {
    for (const auto &option : options())
        if (option.name == name)
            return &option;
    return nullptr;
}

std::string envName(const std::string &option) {
    std::string name = "CAREDESK_";
    for (char ch : option)
        name += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return name;
}

std::string helpText() {
    std::ostringstream out;
    out << "Usage: caredesk-server [OPTIONS]\n\n"
           "Serves the CareDesk patient page and the caregiver WebSocket protocol on one port.\n"
           "Each option can also be set in the config file (key = value, using the option "
           "name)\nor as an environment variable (shown in brackets). Flags win over the "
           "environment,\nwhich wins over the file.\n\nOptions:\n";
    for (const auto &option : options()) {
        std::string flag = "  --" + option.name;
        if (!option.valueName.empty())
            flag += " " + option.valueName;
        out << flag << "\n      " << option.help << " [" << envName(option.name) << "]\n";
    }
    out << "  --help\n      Show this help and exit.\n"
           "  --version\n      Show the version and exit.\n";
    return out.str();
}

std::string trim(std::string s) {
    const auto notSpace = [](unsigned char ch) {
        return !std::isspace(ch);
    };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::optional<std::string> applyOption(ServerConfig &config, const std::string &name,
                                       const std::string &value, const std::string &origin) {
    const Option *option = findOption(name);
    if (!option)
        return origin + ": unknown option '" + name + "' (see --help)";
    if (auto error = option->apply(config, value))
        return origin + ": " + name + " " + *error;
    return std::nullopt;
}

std::optional<std::string> applyFile(ServerConfig &config, const std::filesystem::path &path) {
    std::ifstream in(path);
    if (!in)
        return "cannot read config file " + path.string();
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[')
            continue;
        const auto eq = line.find('=');
        const std::string origin = path.string() + ":" + std::to_string(number);
        if (eq == std::string::npos)
            return origin + ": expected 'key = value'";
        std::string value = trim(line.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        if (trim(line.substr(0, eq)) == "config")
            return origin + ": a config file cannot name another config file";
        if (auto error = applyOption(config, trim(line.substr(0, eq)), value, origin))
            return error;
    }
    return std::nullopt;
}

} // namespace

PasswordHasher::Cost passwordCost(const std::string &preset) {
    if (preset == "minimum")
        return PasswordHasher::minimumCost();
    if (preset == "moderate")
        return {3, 256u * 1024 * 1024};
    return PasswordHasher::interactiveCost();
}

std::filesystem::path webRootFor(const ServerConfig &config) {
    if (!config.webRoot.empty())
        return config.webRoot;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/caredesk/web";
        if (std::filesystem::exists(installed / "index.html", ec))
            return installed;
    }
    return CAREDESK_SOURCE_WEB_ROOT;
}

std::filesystem::path defaultDataDir() {
    if (geteuid() == 0)
        return "/var/lib/caredesk";
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "caredesk";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local/share/caredesk";
    return std::filesystem::current_path() / ".caredesk";
}

std::map<std::string, std::string> currentEnvironment() {
    std::map<std::string, std::string> env;
    for (char **entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto eq = text.find('=');
        if (eq != std::string::npos && text.rfind("CAREDESK_", 0) == 0)
            env.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    return env;
}

ConfigLoad loadServerConfig(const std::vector<std::string> &args,
                            const std::map<std::string, std::string> &environment) {
    // Flags first into a list, so the config file can be found before applying.
    std::vector<std::pair<std::string, std::string>> flags;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--help" || arg == "-h")
            return {std::nullopt, helpText(), 0};
        if (arg == "--version")
            return {std::nullopt, std::string("caredesk-server ") + CAREDESK_VERSION + "\n", 0};
        if (arg.rfind("--", 0) != 0)
            return {std::nullopt, "unexpected argument '" + arg + "' (see --help)\n", 2};
        std::string name = arg.substr(2);
        std::string value;
        bool hasValue = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            hasValue = true;
        }
        const Option *option = findOption(name);
        if (!option)
            return {std::nullopt, "unknown option '--" + name + "' (see --help)\n", 2};
        if (!option->valueName.empty() && !hasValue) {
            if (i + 1 >= args.size())
                return {std::nullopt, "--" + name + " needs a value (" + option->valueName + ")\n",
                        2};
            value = args[++i];
        }
        flags.emplace_back(name, value);
    }

    ServerConfig config;
    std::filesystem::path configFile;
    if (auto it = environment.find(envName("config")); it != environment.end())
        configFile = it->second;
    for (const auto &[name, value] : flags)
        if (name == "config")
            configFile = value;
    if (!configFile.empty()) {
        if (auto error = applyFile(config, configFile))
            return {std::nullopt, *error + "\n", 2};
        config.configFile = configFile;
    }
    for (const auto &option : options()) {
        if (option.name == "config")
            continue;
        if (auto it = environment.find(envName(option.name)); it != environment.end())
            if (auto error = applyOption(config, option.name, it->second, it->first))
                return {std::nullopt, *error + "\n", 2};
    }
    for (const auto &[name, value] : flags)
        if (name != "config")
            if (auto error = applyOption(config, name, value, "--" + name))
                return {std::nullopt, *error + "\n", 2};

    if (config.tlsCertificate.empty() != config.tlsPrivateKey.empty())
        return {std::nullopt, "--tls-cert and --tls-key must be given together\n", 2};
    if (config.dataDir.empty())
        config.dataDir = defaultDataDir();
    return {config, {}, 0};
}

} // namespace caredesk::server
