// A plain main for the fuzz targets, so that their sources build with any compiler and without
// libFuzzer: it feeds every file given (a directory means each regular file in it, in name
// order) to LLVMFuzzerTestOneInput once. The CTest tests FuzzReplay<Target> replay the seed
// corpus this way, so every input the fuzzer once broke the model with stays a regression test.
// Exit status: 0 when every input ran (a broken property aborts), 2 for no or unreadable input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

namespace fs = std::filesystem;

/// The files an argument names; an unreadable or empty directory is an error (a mistyped
/// corpus path must not pass as "nothing to replay").
bool collect(const fs::path &argument, std::vector<fs::path> &files)
{
    std::error_code error;
    if (!fs::is_directory(argument, error)) {
        files.push_back(argument);
        return true;
    }
    std::vector<fs::path> found;
    for (const auto &entry : fs::directory_iterator(argument, error))
        if (entry.is_regular_file())
            found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return !error && !found.empty();
}

bool replay(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return false;
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    // A copy of exactly the input's size, so that reading past it is caught by ASan as with
    // libFuzzer (data() of an empty vector may be null: give the target a valid pointer).
    std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    std::uint8_t none = 0;
    LLVMFuzzerTestOneInput(input.empty() ? &none : input.data(), input.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-')
            continue; // libFuzzer options (-runs=…) are accepted and ignored
        if (!collect(argv[i], files)) {
            std::fprintf(stderr, "replay: no inputs in %s\n", argv[i]);
            return 2;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
        return 2;
    }
    for (const fs::path &file : files) {
        if (!replay(file)) {
            std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
            return 2;
        }
    }
    std::printf("replayed %zu inputs\n", files.size());
    return 0;
}
