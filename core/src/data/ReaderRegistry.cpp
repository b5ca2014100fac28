// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/ReaderRegistry.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Cifar10Reader.h"
#include "sparsescope/core/data/DatasetSpec.h"
#include "sparsescope/core/data/IdxReader.h"
#include "sparsescope/core/data/ImageFolderReader.h"

#include <cstdlib>
#include <filesystem>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

const char *const kFashionMnistEnvironment = "SPARSESCOPE_FASHION_MNIST_DIR";
const char *const kFashionMnistDefault = "/usr/share/datasets/fashion-mnist";
const std::string kFashionMnistHint
    = "install Debian's dataset-fashion-mnist or set SPARSESCOPE_FASHION_MNIST_DIR";

/// `name`.gz when present, else the unzipped `name`; throws naming the .gz when neither is there.
std::string fashionMnistFile(const fs::path &directory, const std::string &name)
{
    std::error_code error;
    const fs::path gzipped = directory / (name + ".gz");
    if (fs::is_regular_file(gzipped, error))
        return gzipped.string();
    const fs::path plain = directory / name;
    if (fs::is_regular_file(plain, error))
        return plain.string();
    throw Error(gzipped.string(), "missing Fashion-MNIST file", kFashionMnistHint);
}

ImageSet readFashionMnist(const std::string &argument)
{
    const std::string split = argument.empty() ? "train" : argument;
    if (split != "train" && split != "test")
        throw Error("fashion-mnist:" + argument, "unknown split '" + split + "'",
                    "use fashion-mnist:train or fashion-mnist:test");
    const std::string directory = ReaderRegistry::fashionMnistDirectory();
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw Error(directory, "no Fashion-MNIST folder", kFashionMnistHint);
    const std::string prefix = split == "train" ? "train" : "t10k";
    const std::string images = fashionMnistFile(directory, prefix + "-images-idx3-ubyte");
    const std::string labels = fashionMnistFile(directory, prefix + "-labels-idx1-ubyte");
    ImageSet set = IdxReader::read(images, labels, 10);
    set.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                      "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return set;
}

ImageSet readIdx(const std::string &argument)
{
    // IMAGES,LABELS[,CLASSES]: CLASSES (default 10) bounds the valid labels.
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto comma = argument.find(',', start);
        parts.push_back(argument.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty())
        throw Error("idx:" + argument, "expected two files separated by a comma",
                    "use idx:IMAGES,LABELS[,CLASSES]");
    int classes = 10;
    if (parts.size() == 3) {
        try {
            std::size_t used = 0;
            classes = std::stoi(parts[2], &used);
            if (used != parts[2].size())
                throw std::invalid_argument(parts[2]);
        } catch (const std::exception &) {
            throw Error("idx:" + argument, "the class count \"" + parts[2] + "\" is not a number");
        }
    }
    return IdxReader::read(parts[0], parts[1], classes);
}

ImageSet readCifar10(const std::string &argument)
{
    std::string directory = argument;
    std::string split = "train";
    for (const std::string candidate : {"train", "test"}) {
        const std::string suffix = ":" + candidate;
        if (directory.size() > suffix.size()
            && directory.compare(directory.size() - suffix.size(), suffix.size(), suffix) == 0) {
            directory.resize(directory.size() - suffix.size());
            split = candidate;
            break;
        }
    }
    if (directory.empty())
        throw Error("cifar10:" + argument, "no directory given", "use cifar10:DIR[:train|test]");
    return Cifar10Reader::readDirectory(directory, split);
}

ImageSet readFolder(const std::string &argument)
{
    if (argument.empty())
        throw Error("folder:", "no directory given", "use folder:DIR");
    return ImageFolderReader::read(argument);
}

} // namespace

const std::vector<ReaderEntry> &ReaderRegistry::entries()
{
    static const std::vector<ReaderEntry> table = {
        {"fashion-mnist", "fashion-mnist:train|test",
         "Fashion-MNIST (Debian's dataset-fashion-mnist, or SPARSESCOPE_FASHION_MNIST_DIR)",
         readFashionMnist},
        {"idx", "idx:IMAGES,LABELS[,CLASSES]",
         "an IDX image file and its label file, raw or .gz (MNIST style)", readIdx},
        {"cifar10", "cifar10:DIR[:train|test]", "CIFAR-10 binary batches in DIR", readCifar10},
        {"folder", "folder:DIR", "an image folder with one subfolder per class", readFolder},
    };
    return table;
}

const ReaderEntry *ReaderRegistry::find(const std::string &name)
{
    for (const auto &entry : entries())
        if (entry.name == name)
            return &entry;
    return nullptr;
}

ImageSet ReaderRegistry::load(const std::string &spec)
{
    const DatasetSpec parsed = DatasetSpec::parse(spec);
    ImageSet set = find(parsed.kind)->read(parsed.argument);
    set.source = parsed.text;
    return set;
}

std::string ReaderRegistry::fashionMnistDirectory()
{
    const char *value = std::getenv(kFashionMnistEnvironment);
    return value && *value ? std::string(value) : std::string(kFashionMnistDefault);
}

} // namespace sparsescope::core
