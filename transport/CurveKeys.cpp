#include "transport/CurveKeys.h"

#include <zmq.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace evflow::transport {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kKeyChars = 40;
/// A key file is a few lines; anything larger is not one of ours.
constexpr std::uintmax_t kMaxKeyFileBytes = 4096;
constexpr const char *kPublicField = "public-key";
constexpr const char *kSecretField = "secret-key";

std::string envOrEmpty(const char *name)
{
    const char *value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

std::string trim(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

CurveKeyResult failure(std::string message)
{
    CurveKeyResult r;
    r.error = std::move(message);
    return r;
}

/// The "field = value" lines of a key file, or why it is not one. Blank lines and lines that
/// start with '#' are comments. Z85 may contain '=' and '#', so a line splits at its first '='
/// and only a line *starting* with '#' is a comment.
std::optional<std::map<std::string, std::string>>
parseFields(const std::string &text, const fs::path &file, std::string &error)
{
    std::map<std::string, std::string> fields;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line.front() == '#')
            continue;
        const auto eq = line.find('=');
        const std::string field = eq == std::string::npos ? line : trim(line.substr(0, eq));
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        if (eq == std::string::npos || (field != kPublicField && field != kSecretField)) {
            error = where
                    + "malformed key file: expected 'public-key = KEY' or "
                      "'secret-key = KEY'";
            return std::nullopt;
        }
        if (fields.count(field)) {
            error = where + "malformed key file: " + field + " given twice";
            return std::nullopt;
        }
        const std::string value = trim(line.substr(eq + 1));
        if (!isCurveKey(value)) {
            error = where + "malformed key file: " + field
                    + " is not a CURVE key (40 characters of Z85)";
            return std::nullopt;
        }
        fields[field] = value;
    }
    return fields;
}

/// Reads a whole (small) key file; `error` names the file when it cannot.
std::optional<std::string> readKeyFile(const fs::path &file, const std::string &what,
                                       std::string &error)
{
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) {
        error = file.string() + ": no such " + what
                + (ec == std::errc::no_such_file_or_directory ? "" : " (" + ec.message() + ")")
                + " (make one with: evflow keys generate NAME)";
        return std::nullopt;
    }
    if (size > kMaxKeyFileBytes) {
        error = file.string() + ": malformed key file: larger than "
                + std::to_string(kMaxKeyFileBytes) + " bytes";
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        error = file.string() + ": cannot read: " + std::strerror(errno);
        return std::nullopt;
    }
    return text.str();
}

/// "0644".
std::string octalMode(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

/// Writes `text` to `file` with `mode` through a temporary file in the same directory and a
/// rename, so a reader never sees half a key and a crash leaves the old file (or none).
bool writeAtomically(const fs::path &file, const std::string &text, mode_t mode, std::string &error)
{
    const fs::path temp = file.parent_path()
                          / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()));
    ::unlink(temp.c_str());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        error = temp.string() + ": cannot create: " + std::strerror(errno);
        return false;
    }
    // The umask may have narrowed `mode`; a public key should still be readable by all.
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t written = 0;
    while (ok && written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        written += ok ? static_cast<std::size_t>(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), file.c_str()) != 0) {
        error = file.string() + ": cannot write: " + std::strerror(ok ? errno : savedErrno);
        ::unlink(temp.c_str());
        return false;
    }
    return true;
}

/// Creates `directory` (mode 0700 for the last component) when it does not exist.
bool ensureDirectory(const fs::path &directory, std::string &error)
{
    std::error_code ec;
    if (fs::is_directory(directory, ec))
        return true;
    if (!directory.parent_path().empty())
        fs::create_directories(directory.parent_path(), ec);
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        error = directory.string() + ": cannot create the key directory: " + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace

fs::path curveKeysDirectory()
{
    if (const std::string dir = envOrEmpty("EVFLOW_KEYS_DIR"); !dir.empty())
        return dir;
    if (const std::string config = envOrEmpty("XDG_CONFIG_HOME"); !config.empty())
        return fs::path(config) / "evflow" / "keys";
    return fs::path(envOrEmpty("HOME")) / ".config" / "evflow" / "keys";
}

std::string curveKeyNameProblem(const std::string &name)
{
    if (name.empty())
        return "a key name cannot be empty";
    if (name.size() > 64)
        return "key name '" + name + "' is longer than 64 characters";
    if (name.front() == '.')
        return "key name '" + name + "' starts with '.'";
    const auto allowed = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '.' || c == '_' || c == '-';
    };
    if (!std::all_of(name.begin(), name.end(), allowed))
        return "key name '" + name
               + "' may only hold letters, digits, '.', '_' and '-' (no path separators)";
    return {};
}

fs::path curveSecretKeyFile(const fs::path &directory, const std::string &name)
{
    return directory / (name + ".key");
}

fs::path curvePublicKeyFile(const fs::path &directory, const std::string &name)
{
    return directory / (name + ".pub");
}

bool isCurveKey(const std::string &key)
{
    if (key.size() != kKeyChars)
        return false;
    std::uint8_t bytes[32];
    return zmq_z85_decode(bytes, key.c_str()) != nullptr;
}

CurveKeyResult generateCurveKeyPair(const fs::path &directory, const std::string &name,
                                    bool overwrite)
{
    if (const std::string problem = curveKeyNameProblem(name); !problem.empty())
        return failure(problem);
    const fs::path secretFile = curveSecretKeyFile(directory, name);
    const fs::path publicFile = curvePublicKeyFile(directory, name);
    std::error_code ec;
    for (const fs::path &f : {secretFile, publicFile})
        if (!overwrite && fs::exists(fs::symlink_status(f, ec)))
            return failure(f.string() + ": exists already (--force replaces the key pair)");
    std::string error;
    if (!ensureDirectory(directory, error))
        return failure(error);
    char publicKey[kKeyChars + 1];
    char secretKey[kKeyChars + 1];
    if (zmq_curve_keypair(publicKey, secretKey) != 0)
        return failure(std::string("cannot make a CURVE key pair: ") + zmq_strerror(zmq_errno()));
    const std::string publicLine = std::string(kPublicField) + " = " + publicKey + "\n";
    const std::string secretText
        = "# evflow CURVE key pair '" + name
          + "': the secret key. Keep this file private (mode 0600); never put it in a flow.\n"
          + publicLine + kSecretField + " = " + secretKey + "\n";
    const std::string publicText = "# evflow CURVE public key '" + name
                                   + "': give this file to the peers that must trust it.\n"
                                   + publicLine;
    if (!writeAtomically(secretFile, secretText, 0600, error)
        || !writeAtomically(publicFile, publicText, 0644, error))
        return failure(error);
    CurveKeyResult r;
    r.keys = CurveKeyPair{publicKey, secretKey};
    return r;
}

CurveKeyResult loadCurveKeyPair(const fs::path &directory, const std::string &name)
{
    if (const std::string problem = curveKeyNameProblem(name); !problem.empty())
        return failure(problem);
    const fs::path file = curveSecretKeyFile(directory, name);
    std::string error;
    const auto text = readKeyFile(file, "secret key", error);
    if (!text)
        return failure(error);
    struct stat st = {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
        return failure(file.string() + ": permissions " + octalMode(st.st_mode)
                       + " are too open: a secret key must be accessible by its owner only "
                         "(chmod 600 "
                       + file.string() + ")");
    const auto fields = parseFields(*text, file, error);
    if (!fields)
        return failure(error);
    const auto secret = fields->find(kSecretField);
    if (secret == fields->end())
        return failure(file.string() + ": malformed key file: no secret-key line");
    char derived[kKeyChars + 1];
    if (zmq_curve_public(derived, secret->second.c_str()) != 0)
        return failure(file.string() + ": malformed key file: secret-key is not a CURVE key");
    const auto pub = fields->find(kPublicField);
    if (pub != fields->end() && pub->second != derived)
        return failure(file.string()
                       + ": malformed key file: public-key does not belong to secret-key");
    CurveKeyResult r;
    r.keys = CurveKeyPair{derived, secret->second};
    return r;
}

CurveKeyResult loadCurvePublicKey(const fs::path &directory, const std::string &name)
{
    if (const std::string problem = curveKeyNameProblem(name); !problem.empty())
        return failure(problem);
    const fs::path file = curvePublicKeyFile(directory, name);
    std::string error;
    const auto text = readKeyFile(file, "public key", error);
    if (!text)
        return failure(error);
    const auto fields = parseFields(*text, file, error);
    if (!fields)
        return failure(error);
    if (fields->count(kSecretField))
        return failure(file.string()
                       + ": holds a secret key: a .pub file must only hold the public key");
    const auto pub = fields->find(kPublicField);
    if (pub == fields->end())
        return failure(file.string() + ": malformed key file: no public-key line");
    CurveKeyResult r;
    r.keys = CurveKeyPair{pub->second, {}};
    return r;
}

bool hasCurveSecretKey(const fs::path &directory, const std::string &name)
{
    std::error_code ec;
    return curveKeyNameProblem(name).empty() && fs::exists(curveSecretKeyFile(directory, name), ec);
}

std::vector<std::string> listCurveKeys(const fs::path &directory)
{
    std::set<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path &p = it->path();
        const std::string ext = p.extension().string();
        const std::string stem = p.stem().string();
        if ((ext == ".key" || ext == ".pub") && curveKeyNameProblem(stem).empty())
            names.insert(stem);
    }
    return {names.begin(), names.end()};
}

} // namespace evflow::transport
