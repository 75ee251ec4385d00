#include "net/StaticFiles.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace caredesk::server {

namespace {
constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;

// Percent-decoding; false for malformed escapes or a decoded NUL.
bool percentDecode(std::string_view in, std::string &out) {
    auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int hi = hexValue(in[i + 1]);
        const int lo = hexValue(in[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

StaticFiles::Response notFound() { return {404, "text/plain; charset=utf-8", "Not found\n"}; }
} // namespace

StaticFiles::StaticFiles(std::filesystem::path root) {
    std::error_code ec;
    m_root = std::filesystem::weakly_canonical(root, ec);
    if (ec)
        m_root = std::move(root);
}

std::string_view StaticFiles::contentTypeFor(const std::filesystem::path &path) {
    const auto ext = path.extension().string();
    if (ext == ".html")
        return "text/html; charset=utf-8";
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs")
        return "text/javascript; charset=utf-8";
    if (ext == ".json" || ext == ".webmanifest")
        return "application/json";
    if (ext == ".svg")
        return "image/svg+xml";
    if (ext == ".png")
        return "image/png";
    if (ext == ".ico")
        return "image/x-icon";
    if (ext == ".woff2")
        return "font/woff2";
    if (ext == ".txt")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

StaticFiles::Response StaticFiles::get(std::string_view target) const {
    const auto query = target.find_first_of("?#");
    if (query != std::string_view::npos)
        target = target.substr(0, query);
    std::string decoded;
    if (target.empty() || target.front() != '/' || !percentDecode(target, decoded))
        return {400, "text/plain; charset=utf-8", "Bad request\n"};
    if (decoded.find('\\') != std::string::npos)
        return notFound();
    // Refuse any ".." segment outright rather than trying to normalize it.
    std::filesystem::path relative;
    std::stringstream segments(decoded);
    std::string segment;
    while (std::getline(segments, segment, '/')) {
        if (segment.empty() || segment == ".")
            continue;
        if (segment == ".." || segment.front() == '.')
            return notFound(); // also hides dotfiles
        relative /= segment;
    }
    std::error_code ec;
    std::filesystem::path path = m_root / relative;
    if (relative.empty() || std::filesystem::is_directory(path, ec))
        path /= "index.html";
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    if (ec)
        return notFound();
    // Symlinks inside the root must not point outside it.
    const auto rootText = m_root.string();
    const auto fileText = canonical.string();
    if (fileText.compare(0, rootText.size(), rootText) != 0 ||
        (fileText.size() > rootText.size() && fileText[rootText.size()] != '/'))
        return notFound();
    if (!std::filesystem::is_regular_file(canonical, ec))
        return notFound();
    const auto size = std::filesystem::file_size(canonical, ec);
    if (ec || size > kMaxFileBytes)
        return notFound();
    std::ifstream in(canonical, std::ios::binary);
    if (!in)
        return notFound();
    Response response;
    response.status = 200;
    response.contentType = std::string(contentTypeFor(canonical));
    response.body.resize(size);
    in.read(response.body.data(), static_cast<std::streamsize>(size));
    response.body.resize(static_cast<std::size_t>(in.gcount()));
    return response;
}

} // namespace caredesk::server
