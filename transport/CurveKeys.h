#pragma once

// The CURVE key store: key pairs kept in a directory apart from flow files, so that a flow names
// its keys and can be shared and committed without any secret in it (docs/SECURITY.md).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace evflow::transport {

/// A CURVE key as ZeroMQ takes it: 40 characters of Z85 (32 bytes).
using CurveKey = std::string;

/// A key pair; `secretKey` is empty when only the public half was loaded.
struct CurveKeyPair
{
    CurveKey publicKey;
    CurveKey secretKey;
};

/// A load or generate outcome: the keys, or (when `keys` is empty) a one-line message that
/// names the file concerned.
struct CurveKeyResult
{
    std::optional<CurveKeyPair> keys;
    std::string error;
    explicit operator bool() const { return keys.has_value(); }
};

/// Where key pairs live: $EVFLOW_KEYS_DIR if set and not empty, else
/// $XDG_CONFIG_HOME/evflow/keys, else ~/.config/evflow/keys. Reads the environment on each call.
std::filesystem::path curveKeysDirectory();

/// "" when `name` can name a key (1 to 64 of [A-Za-z0-9._-], not starting with '.'), else why not.
std::string curveKeyNameProblem(const std::string &name);

/// NAME.key (the secret key, mode 0600) and NAME.pub (the public key) in `directory`.
std::filesystem::path curveSecretKeyFile(const std::filesystem::path &directory,
                                         const std::string &name);
std::filesystem::path curvePublicKeyFile(const std::filesystem::path &directory,
                                         const std::string &name);

/// Makes a new key pair NAME in `directory` (created with mode 0700 when missing): NAME.key with
/// mode 0600 and NAME.pub, each written to a temporary file and renamed into place. Refuses when
/// either file exists unless `overwrite`. Returns the pair or why not.
CurveKeyResult generateCurveKeyPair(const std::filesystem::path &directory, const std::string &name,
                                    bool overwrite = false);

/// Loads key pair NAME from NAME.key. Refused when the file is missing, readable or writable by
/// group or others (as ssh refuses such keys), or malformed; the message names the file.
CurveKeyResult loadCurveKeyPair(const std::filesystem::path &directory, const std::string &name);

/// Loads the public key NAME from NAME.pub (secretKey stays empty). Missing or malformed: why.
CurveKeyResult loadCurvePublicKey(const std::filesystem::path &directory, const std::string &name);

/// Whether NAME.key exists in `directory` (says nothing about whether it loads).
bool hasCurveSecretKey(const std::filesystem::path &directory, const std::string &name);

/// The names of the keys in `directory` (every NAME.pub or NAME.key), sorted, each once.
std::vector<std::string> listCurveKeys(const std::filesystem::path &directory);

/// Whether `key` is 40 characters of valid Z85.
bool isCurveKey(const std::string &key);

} // namespace evflow::transport
