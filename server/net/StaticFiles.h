#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace caredesk::server {

// The patient web page: files under one root folder, read-only. Paths that try
// to leave the root (.., symlinks out, encoded tricks) are refused.
class StaticFiles {
public:
    struct Response {
        unsigned status = 404;
        std::string contentType = "text/plain; charset=utf-8";
        std::string body;
    };

    explicit StaticFiles(std::filesystem::path root);

    // target is the request target ("/", "/app.js?v=3"). "/" serves index.html.
    Response get(std::string_view target) const;
    static std::string_view contentTypeFor(const std::filesystem::path &path);

    const std::filesystem::path &root() const { return m_root; }

private:
    std::filesystem::path m_root;
};

} // namespace caredesk::server
