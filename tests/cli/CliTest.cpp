// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real sparsescope-cli binary on fixtures the tests write.
#include "CliSupport.h"
#include "Fixtures.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

using test::cli;
using test::expectBadInput;
using test::lineCount;

struct Fixture
{
    test::TempDir dir;
    std::string train, test;
    Fixture()
    {
        test::writeIdx(test::syntheticImages(256, 4, 1, 28, 28, 1), dir.file("tr-img"),
                       dir.file("tr-lab"), true);
        test::writeIdx(test::syntheticImages(96, 4, 1, 28, 28, 2), dir.file("te-img"),
                       dir.file("te-lab"));
        train = "idx:" + dir.file("tr-img") + "," + dir.file("tr-lab");
        test = "idx:" + dir.file("te-img") + "," + dir.file("te-lab");
    }
};

} // namespace

TEST(Cli, ListsModelsAndDatasets)
{
    auto models = cli("models");
    EXPECT_EQ(models.exitCode, 0);
    for (const char *name : {"lenet5", "lenet-300-100", "mlp", "convnet", "resnet20", "resnet32"})
        EXPECT_NE(models.out.find(name), std::string::npos) << name;
    auto datasets = cli("datasets");
    EXPECT_EQ(datasets.exitCode, 0);
    for (const char *kind : {"fashion-mnist", "idx:", "cifar10:", "folder:"})
        EXPECT_NE(datasets.out.find(kind), std::string::npos) << kind;
}

TEST(Cli, HelpForEveryCommand)
{
    for (const char *command :
         {"train", "eval", "info", "thin", "bench-latency", "models", "datasets"}) {
        auto r = cli(std::string(command) + " --help");
        EXPECT_EQ(r.exitCode, 0) << command;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << command;
    }
}

TEST(Cli, VersionComesFromTheProjectVersion)
{
    const auto r = cli("--version");
    EXPECT_EQ(r.exitCode, 0);
    const std::string first = std::string("sparsescope-cli ") + core::kVersion + "\n";
    ASSERT_EQ(r.out.substr(0, first.size()), first);
    // The second line: the libraries and the threads the program chose for them.
    const std::string libraries = r.out.substr(first.size());
    EXPECT_NE(libraries.find("LibTorch "), std::string::npos) << libraries;
    EXPECT_NE(libraries.find("BLAS: "), std::string::npos) << libraries;
    int torchThreads = 0;
    ASSERT_EQ(std::sscanf(libraries.c_str(), "LibTorch %*s (%d thread", &torchThreads), 1)
        << libraries;
    // OpenBLAS's own pool is cut to one thread (issue 21).
    EXPECT_GE(torchThreads, 1);
    if (libraries.find("OpenBLAS") != std::string::npos) {
        EXPECT_NE(libraries.find(", 1 thread (set by SparseScope)"), std::string::npos)
            << libraries;
    }
}

TEST(Cli, InfoPrintsLayersAndJson)
{
    auto table = cli("info --model lenet5");
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_NE(table.out.find("conv2"), std::string::npos);
    EXPECT_NE(table.out.find("1600000"), std::string::npos);
    auto json = cli("info --model resnet20 --input 3 32 32 --json");
    EXPECT_EQ(json.exitCode, 0);
    EXPECT_NE(json.out.find("\"total_macs\""), std::string::npos);
    EXPECT_NE(json.out.find("layer3.2.conv2"), std::string::npos);
}

TEST(Cli, TrainThenEvalReproducesTestAccuracyExactly)
{
    Fixture f;
    const auto run = f.dir.file("run");
    const auto config = f.dir.file("config.json");
    std::ofstream(config) << R"({"model": "lenet5", "epochs": 5, "lr": 0.5, "batch_size": 16})";
    // Flags override the config: 2 epochs (a flag given twice takes its last value), lr 0.02.
    auto train = cli("train --config " + config + " --data " + f.train + " --test-data " + f.test
                     + " --epochs 4 --lr 0.02 --seed 3 --epochs 2 --out " + run);
    ASSERT_EQ(train.exitCode, 0) << train.err;
    EXPECT_NE(train.err.find("ETA"), std::string::npos);
    for (const char *file : {"run.json", "metrics.csv", "model.pt", "checkpoints/epoch-002.pt"})
        EXPECT_TRUE(fs::exists(fs::path(run) / file)) << file;
    const auto runJson = test::readBytes(run + "/run.json");
    EXPECT_NE(runJson.find("\"epochs\": 2"), std::string::npos);
    EXPECT_NE(runJson.find("\"lr\": 0.02"), std::string::npos);

    std::smatch m;
    ASSERT_TRUE(std::regex_search(train.out, m, std::regex("test_accuracy=([0-9.]+)")));
    const double trained = std::stod(m[1]);
    EXPECT_GT(trained, 0.9);

    auto eval
        = cli("eval --model " + run + " --data " + f.test + " --logits " + f.dir.file("l.csv"));
    ASSERT_EQ(eval.exitCode, 0) << eval.err;
    ASSERT_TRUE(std::regex_search(eval.out, m, std::regex("^accuracy=([0-9.]+) n=96")));
    EXPECT_NEAR(std::stod(m[1]), trained, 1e-6);
    const auto logits = test::readBytes(f.dir.file("l.csv"));
    EXPECT_EQ(lineCount(logits), 97);
    EXPECT_EQ(logits.substr(0, 28), "index,label,prediction,logit");

    // The same run can be resumed to more epochs.
    auto resumed = cli("train --resume " + run + " --epochs 3 --quiet");
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_TRUE(resumed.err.empty()) << resumed.err;
    EXPECT_TRUE(fs::exists(fs::path(run) / "checkpoints/epoch-003.pt"));
    // And refuses to overwrite it.
    expectBadInput(cli("train --data " + f.train + " --out " + run), run);
}

TEST(Cli, ExistingRunsAreNeverOverwrittenSilently)
{
    Fixture f;
    const auto run = f.dir.file("run");
    const std::string base = "train --model lenet-300-100 --data " + f.train
        + " --test-data \"\" --batch-size 64 --quiet --out " + run;
    ASSERT_EQ(cli(base + " --epochs 2").exitCode, 0);
    test::writeBytes(run + "/notes.txt", "mine");
    expectBadInput(cli(base + " --epochs 1"), "already holds a run (run.json)");
    // --overwrite replaces the run's files (metrics.csv holds the new run's single epoch, not
    // three) and keeps the user's own.
    const auto again = cli(base + " --epochs 1 --overwrite");
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(lineCount(test::readBytes(run + "/metrics.csv")), 2);
    EXPECT_FALSE(fs::exists(run + "/checkpoints/epoch-002.pt"));
    EXPECT_EQ(test::readBytes(run + "/notes.txt"), "mine");

    // A staged run has no top-level run.json: its stages.json guards it just the same.
    const auto staged = f.dir.file("staged");
    const auto config = f.dir.file("stages.json");
    std::ofstream(config) << R"({"model": "lenet-300-100", "epochs": 1, "batch_size": 64,
        "test_data": "", "stages": [{"name": "a"}, {"name": "b", "lr": 0.005}]})";
    const std::string stagedRun
        = "train --config " + config + " --data " + f.train + " --quiet --out " + staged;
    const auto first = cli(stagedRun);
    ASSERT_EQ(first.exitCode, 0) << first.err;
    ASSERT_TRUE(fs::exists(staged + "/2-b/run.json"));
    EXPECT_FALSE(fs::exists(staged + "/run.json"));
    expectBadInput(cli(stagedRun), "already holds a run (stages.json)");
    ASSERT_EQ(cli(stagedRun + " --overwrite").exitCode, 0);
    EXPECT_TRUE(fs::exists(staged + "/model.pt"));
    EXPECT_FALSE(fs::exists(staged + "/model.pt.partial"));
}

TEST(Cli, BadInputGivesExitCodeTwoAndOneLine)
{
    Fixture f;
    const auto trainImages = f.dir.file("tr-img");
    // Missing data file.
    expectBadInput(
        cli("eval --model lenet5 --data idx:" + f.dir.file("nope") + "," + f.dir.file("nope2")),
        "nope");
    // Truncated IDX images.
    const auto bytes = test::readBytes(f.dir.file("te-img"));
    test::writeBytes(f.dir.file("short-img"), bytes.substr(0, bytes.size() - 100));
    expectBadInput(cli("eval --model lenet5 --data idx:" + f.dir.file("short-img") + ","
                       + f.dir.file("te-lab")),
                   "short-img");
    // Wrong magic.
    std::string wrong = bytes;
    wrong[3] = 0x01;
    test::writeBytes(f.dir.file("magic-img"), wrong);
    expectBadInput(cli("eval --model lenet5 --data idx:" + f.dir.file("magic-img") + ","
                       + f.dir.file("te-lab")),
                   "magic-img");
    // Labels out of range.
    std::string labels = test::readBytes(f.dir.file("te-lab"));
    labels[8] = 42;
    test::writeBytes(f.dir.file("bad-lab"), labels);
    expectBadInput(
        cli("eval --model lenet5 --data idx:" + f.dir.file("te-img") + "," + f.dir.file("bad-lab")),
        "bad-lab");
    // Unreadable image in an image folder.
    fs::create_directories(f.dir.path() / "folder/cat");
    test::writeBytes(f.dir.file("folder/cat/broken.png"), "not a png");
    expectBadInput(cli("eval --model lenet5 --data folder:" + f.dir.file("folder")), "broken.png");
    // Corrupt model file.
    test::writeBytes(f.dir.file("model.pt"), "garbage");
    expectBadInput(cli("eval --model " + f.dir.file("model.pt") + " --data " + f.test), "model.pt");
    // Unknown model name.
    expectBadInput(cli("info --model lenet6"), "lenet6");
    // Malformed and unknown-key configs.
    test::writeBytes(f.dir.file("bad.json"), "{\"epochs\": ");
    expectBadInput(cli("train --config " + f.dir.file("bad.json") + " --out " + f.dir.file("r1")),
                   "bad.json");
    test::writeBytes(f.dir.file("typo.json"), "{\"epoch\": 3}");
    expectBadInput(cli("train --config " + f.dir.file("typo.json") + " --out " + f.dir.file("r2")),
                   "typo.json");
    // Unknown dataset kind, unknown flag, missing subcommand.
    expectBadInput(cli("eval --model lenet5 --data mnist-ish:x"), "mnist-ish");
    expectBadInput(cli("eval --model lenet5 --data " + f.test + " --bogus"), "bogus");
    auto none = cli("");
    EXPECT_EQ(none.exitCode, 2);
    // Model and data that do not fit each other.
    test::writeIdx(test::syntheticImages(8, 4, 1, 16, 16), f.dir.file("small-img"),
                   f.dir.file("small-lab"));
    auto trainSmall = cli("train --model " + f.dir.file("missing-dir") + " --data " + f.train
                          + " --out " + f.dir.file("r3"));
    expectBadInput(trainSmall, "missing-dir");
}

TEST(Cli, NaNLossExitsTwoAndNamesTheCheckpoint)
{
    Fixture f;
    const auto run = f.dir.file("run");
    auto r = cli("train --model lenet-300-100 --data " + f.train + " --test-data " + f.test
                 + " --epochs 2 --lr 1e30 --schedule none --quiet --out " + run);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_FALSE(r.signaled);
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_TRUE(r.err.find("NaN") != std::string::npos
                || r.err.find("infinite") != std::string::npos)
        << r.err;
}

TEST(Cli, SslFlagTrainsFromABaselineAndWritesStructure)
{
    Fixture f;
    const auto base = f.dir.file("base");
    ASSERT_EQ(cli("train --model lenet5 --data " + f.train + " --test-data " + f.test
                  + " --epochs 1 --quiet --out " + base)
                  .exitCode,
              0);
    const auto ssl = f.dir.file("ssl");
    auto r = cli("train --init " + base + " --data " + f.train + " --test-data " + f.test
                 + " --epochs 2 --ssl filter=5 --update proximal --quiet --out " + ssl);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("sparsity=([0-9.]+)")));
    EXPECT_GT(std::stod(m[1]), 0.0);
    const auto structure = test::readBytes(ssl + "/structure.csv");
    EXPECT_EQ(structure.substr(0, 32), "epoch,layer,group_type,total,zer");
    EXPECT_NE(structure.find("2,conv1,filter,20,"), std::string::npos);
    const auto runJson = test::readBytes(ssl + "/run.json");
    EXPECT_NE(runJson.find("\"regularization\""), std::string::npos);
    // --init must be trained weights of the architecture asked for (issue 19): a mismatch or a
    // built-in name is bad input, never a silent training of something else.
    const std::string data = " --data " + f.train + " --epochs 1 --quiet --out ";
    expectBadInput(cli("train --model lenet-300-100 --init " + base + data + f.dir.file("x1")),
                   "is a lenet5, not the lenet-300-100 asked for");
    expectBadInput(cli("train --model lenet5 --init lenet-300-100" + data + f.dir.file("x2")),
                   "is a built-in architecture, not a trained model");
    EXPECT_FALSE(fs::exists(f.dir.file("x1")));
    ASSERT_EQ(cli("train --model lenet5 --init " + base + data + f.dir.file("x3")).exitCode, 0);

    // Thinning keeps the function: the same accuracy from a smaller model.
    const auto thin = f.dir.file("thin.pt");
    auto t = cli("thin --model " + ssl + " --out " + thin);
    ASSERT_EQ(t.exitCode, 0) << t.err;
    EXPECT_TRUE(fs::exists(f.dir.file("thin.thinning.json")));
    auto dense = cli("eval --model " + ssl + " --data " + f.test);
    auto thinned = cli("eval --model " + thin + " --data " + f.test);
    ASSERT_EQ(thinned.exitCode, 0) << thinned.err;
    EXPECT_EQ(dense.out, thinned.out);
    expectBadInput(cli("thin --model " + thin + " --out " + f.dir.file("r.pt")), "already thinned");

    // Latency of the run folder's model: dense, thinned and CSR per layer, also as CSV.
    const auto csv = f.dir.file("latency.csv");
    auto l = cli("bench-latency --model " + ssl + " --batch 1,2 --repeats 2 --csv " + csv);
    ASSERT_EQ(l.exitCode, 0) << l.err;
    EXPECT_NE(l.out.find("batch 2"), std::string::npos);
    EXPECT_NE(l.out.find("structured / non-structured"), std::string::npos);
    EXPECT_EQ(test::readBytes(csv).substr(0, 19), "architecture,batch,");
    EXPECT_EQ(cli("bench-latency --model " + ssl + " --batch 0").exitCode, 2);
    expectBadInput(cli("train --data " + f.train + " --ssl rows=1 --out " + f.dir.file("x")),
                   "rows");
    expectBadInput(cli("train --data " + f.train + " --ssl filter=lots --out " + f.dir.file("y")),
                   "filter");
}

TEST(Cli, ExportWritesOnnxAndLibTorchFilesAndRefusesBadInput)
{
    Fixture f;
    const auto run = f.dir.file("run");
    ASSERT_EQ(cli("train --model lenet5 --data " + f.train + " --test-data " + f.test
                  + " --epochs 1 --quiet --out " + run)
                  .exitCode,
              0);
    // A run folder, as every command resolves --model.
    const auto onnx = f.dir.file("run.onnx");
    auto r = cli("export --model " + run + " --format onnx --out " + onnx);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("ONNX opset 13"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("input Nx1x28x28, output Nx10"), std::string::npos) << r.out;
    EXPECT_GT(fs::file_size(onnx), 4u * 430000u); // LeNet-5's 431k float parameters
    // A built-in name for another input size, another opset.
    r = cli("export --model resnet20 --input 3 16 16 --format onnx --opset 11 --out "
            + f.dir.file("resnet.onnx"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("ONNX opset 11"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("input Nx3x16x16"), std::string::npos) << r.out;
    // LibTorch: the archive loads back as a model.
    const auto archive = f.dir.file("copy.pt");
    r = cli("export --model " + run + " --format libtorch --out " + archive);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto dense = cli("eval --model " + run + " --data " + f.test);
    auto copy = cli("eval --model " + archive + " --data " + f.test);
    ASSERT_EQ(copy.exitCode, 0) << copy.err;
    EXPECT_EQ(copy.out, dense.out);
    EXPECT_EQ(cli("export --help").exitCode, 0);

    // Bad format, unwritable path, bad opset, a model that cannot be traced at that input size.
    expectBadInput(cli("export --model lenet5 --format tflite --out " + f.dir.file("m")), "tflite");
    expectBadInput(
        cli("export --model lenet5 --format onnx --out " + f.dir.file("no-such-dir/m.onnx")),
        "no-such-dir");
    expectBadInput(
        cli("export --model lenet5 --format libtorch --out " + f.dir.file("no-such-dir/m.pt")),
        "no-such-dir");
    expectBadInput(cli("export --model lenet5 --format onnx --opset 7 --out " + f.dir.file("m")),
                   "opset");
    expectBadInput(
        cli("export --model " + run + " --format onnx --input 1 20 20 --out " + f.dir.file("m")),
        "cannot export");
    EXPECT_FALSE(fs::exists(f.dir.file("m")));
}

namespace {

/// A 40x48 colour PNG for the degradation commands.
std::string writeColourPng(const test::TempDir &dir)
{
    core::FloatImage image(40, 48, 3);
    for (int i = 0; i < 40; ++i)
        for (int j = 0; j < 48; ++j) {
            image.at(i, j, 0) = (i * 5 % 256) / 255.0;
            image.at(i, j, 1) = (j * 5 % 256) / 255.0;
            image.at(i, j, 2) = ((i + j) % 2 ? 200 : 30) / 255.0;
        }
    const std::string path = dir.file("colour.png");
    core::ImageFile::write(path, image);
    return path;
}

} // namespace

TEST(Cli, DegradeListsTheTypesAndWritesPngAndFloatTiff)
{
    auto list = cli("degrade --list");
    ASSERT_EQ(list.exitCode, 0) << list.err;
    for (const char *name : {"greyscale", "contrast", "uniform-noise", "salt-and-pepper",
                             "low-pass", "high-pass", "phase-noise", "power-equalisation",
                             "opponent-colour", "rotation", "eidolon-1", "eidolon-2", "eidolon-3"})
        EXPECT_NE(list.out.find(name), std::string::npos) << name;
    EXPECT_NE(list.out.find("0.00,0.03,0.05,0.10,0.20,0.35,0.60,0.90"), std::string::npos);

    test::TempDir dir;
    const std::string input = writeColourPng(dir);
    auto r = cli("degrade --input " + input + " --type uniform-noise --level 0.35 --output "
                 + dir.file("noise.png") + " --float " + dir.file("noise.tiff"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("seed 42"), std::string::npos) << r.out; // the reference's default
    const auto png = core::ImageFile::read(dir.file("noise.png"));
    const auto tiff = core::ImageFile::readFloat(dir.file("noise.tiff"));
    EXPECT_EQ(png.channels, 1);
    EXPECT_EQ(png.height, 40);
    EXPECT_EQ(tiff.width, 48);
    // The PNG is the truncation of the float image (the TIFF holds it as float32).
    for (std::size_t i = 0; i < png.values.size(); ++i)
        ASSERT_NEAR(png.values[i] * 255.0, tiff.values[i] * 255.0 - 0.5, 0.5 + 1e-3) << i;
    // Same seed, same file; another seed, another file.
    r = cli("degrade --input " + input + " --type uniform-noise --level 0.35 --seed 42 --output "
            + dir.file("again.png"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(test::readBytes(dir.file("again.png")), test::readBytes(dir.file("noise.png")));
    r = cli("degrade --input " + input + " --type uniform-noise --level 0.35 --seed 7 --output "
            + dir.file("other.png"));
    EXPECT_NE(test::readBytes(dir.file("other.png")), test::readBytes(dir.file("noise.png")));
    // Level labels work: opponent colour "false" keeps three channels.
    r = cli("degrade --input " + input + " --type opponent-colour --level false --output "
            + dir.file("opp.png"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(core::ImageFile::read(dir.file("opp.png")).channels, 3);
}

TEST(Cli, DegradeBadInputGivesExitCodeTwoAndOneLine)
{
    test::TempDir dir;
    const std::string input = writeColourPng(dir);
    const std::string out = " --output " + dir.file("o.png");
    expectBadInput(cli("degrade --input " + input + " --type blur --level 1" + out), "blur");
    expectBadInput(cli("degrade --input " + input + " --type contrast --level 1.5" + out),
                   "out of range");
    expectBadInput(cli("degrade --input " + input + " --type rotation --level 45" + out),
                   "not allowed");
    expectBadInput(
        cli("degrade --input " + dir.file("missing.png") + " --type contrast --level 0.5" + out),
        "missing.png");
    test::writeBytes(dir.file("broken.png"), "not an image");
    expectBadInput(
        cli("degrade --input " + dir.file("broken.png") + " --type contrast --level 0.5" + out),
        "broken.png");
    expectBadInput(cli("degrade --input " + input + " --type power-equalisation --level pow" + out),
                   "spectrum");
    expectBadInput(cli("degrade --input " + input + " --type contrast" + out), "--level");
    EXPECT_FALSE(fs::exists(dir.file("o.png")));
}

TEST(Cli, SpectrumThenPowerEqualisationAndDegradeSetAndEvalDegraded)
{
    Fixture f;
    // spectrum of the test set; power equalisation with it.
    auto r = cli("spectrum --data " + f.test + " --out " + f.dir.file("mean.npy"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(f.dir.file("mean.npy")));
    r = cli("degrade-set --data " + f.test + " --type power-equalisation --levels pow"
            + " --spectrum " + f.dir.file("mean.npy") + " --limit 5 --quiet --out "
            + f.dir.file("pow"));
    ASSERT_EQ(r.exitCode, 0) << r.err;

    // degrade-set: images per level and class, and the manifest.
    r = cli("degrade-set --data " + f.test + " --type salt-and-pepper --levels 0.1,0.5 --limit 10"
            + " --quiet --out " + f.dir.file("sp"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream manifest(f.dir.file("sp/manifest.csv"));
    std::string line;
    std::getline(manifest, line);
    EXPECT_EQ(line, "file,source,type,level,seed");
    int rows = 0;
    while (std::getline(manifest, line)) {
        ++rows;
        const auto file = line.substr(0, line.find(','));
        EXPECT_TRUE(fs::exists(f.dir.file("sp/" + file))) << file;
    }
    EXPECT_EQ(rows, 20);
    // The level folder is a dataset again.
    r = cli("eval --model lenet5 --data folder:" + f.dir.file("sp/0.5"));
    EXPECT_EQ(r.exitCode, 0) << r.err;

    // eval-degraded: one CSV row per level.
    r = cli("eval-degraded --model lenet5 --data " + f.test
            + " --type contrast --levels 1.00,0.10,0.01 --quiet --out " + f.dir.file("c.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string csv = test::readBytes(f.dir.file("c.csv"));
    EXPECT_EQ(lineCount(csv), 4) << csv;
    EXPECT_NE(csv.find("contrast,0.10000000000000001,0.10,"), std::string::npos) << csv;
    expectBadInput(cli("eval-degraded --model lenet5 --data " + f.test
                       + " --type opponent-colour --levels false --out " + f.dir.file("o.csv")),
                   "greyscale");
    expectBadInput(cli("degrade-set --data " + f.test + " --type contrast --levels 2 --out "
                       + f.dir.file("bad")),
                   "out of range");
}

namespace {

/// A tiny 2018-layout data folder: raw-data/humans/toy-experiment with two subjects and
/// raw-data/TF/toy-experiment with one DNN whose sums column differs from object_response.
void writeHumansData(const fs::path &root)
{
    const fs::path humans = root / "raw-data" / "humans" / "toy-experiment";
    const fs::path tf = root / "raw-data" / "TF" / "toy-experiment";
    fs::create_directories(humans);
    fs::create_directories(tf);
    const std::string header
        = "subj,session,trial,rt,object_response,category,condition,imagename\n";
    test::writeBytes((humans / "toy-experiment_subject-01_session_1.csv").string(),
                     header
                         + "subject-01,1,1,0.5,cat,cat,a,0001_t_s01_a_cat_1_n01_1.png\n"
                           "subject-01,1,2,NaN,na,dog,a,0002_t_s01_a_dog_1_n02_1.png\n"
                           "subject-01,1,3,0.5,dog,dog,b,0003_t_s01_b_dog_1_n02_2.png\n");
    test::writeBytes((humans / "toy-experiment_subject-02_session_1.csv").string(),
                     header
                         + "subject-02,1,1,0.5,cat,cat,a,0001_t_s02_a_cat_1_n01_1.png\n"
                           "subject-02,1,2,0.5,dog,dog,a,0002_t_s02_a_dog_1_n02_1.png\n"
                           "subject-02,1,3,0.5,cat,dog,b,0003_t_s02_b_dog_1_n02_2.png\n");
    test::writeBytes((tf / "toy-experiment_net_session_1.csv").string(),
                     "subj,session,trial,rt,object_response,category,condition,imagename,"
                     "object_response_sums\n"
                     "net,1,1,NaN,cat,cat,a,0001_t_dnn_a_cat_1_n01_1.png,dog\n"
                     "net,1,2,NaN,dog,dog,a,0002_t_dnn_a_dog_1_n02_1.png,dog\n");
}

std::vector<std::vector<std::string>> readCsvRows(const std::string &path)
{
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields(1);
        for (char c : line) {
            if (c == ',')
                fields.emplace_back();
            else if (c != '"')
                fields.back() += c;
        }
        rows.push_back(fields);
    }
    return rows;
}

const fs::path kHumanData2018 = test::referenceDir() / "human-data" / "generalisation-humans-DNNs";

} // namespace

TEST(Cli, HumansSummaryWritesObserverAndHumanMeanRows)
{
    test::TempDir dir;
    writeHumansData(dir.path());
    auto r = cli("humans summary --data " + dir.path().string() + " --out " + dir.file("s.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("7 rows"), std::string::npos) << r.out;
    const auto rows = readCsvRows(dir.file("s.csv"));
    ASSERT_EQ(rows.size(), 1u + 7u); // 2 subjects x 2 + net x 1 + humans x 2
    EXPECT_EQ(rows[0],
              (std::vector<std::string> {"experiment", "observer", "kind", "condition", "n",
                                         "accuracy", "entropy"}));
    // humans, a: subject-01 1/2 (na wrong), subject-02 2/2 -> 0.75; entropy: subject-01 answered
    // cat only (0 bits), subject-02 cat and dog (1 bit) -> 0.5.
    EXPECT_EQ(rows[6],
              (std::vector<std::string> {"toy", "humans", "human", "a", "4", "0.75", "0.5"}));
    // net from object_response_sums (the paper's column): dog, dog -> 1/2, 0 bits.
    EXPECT_EQ(rows[5], (std::vector<std::string> {"toy", "net", "dnn", "a", "2", "0.5", "0"}));
    r = cli("humans summary --data " + dir.path().string()
            + " --dnn-response object_response "
              "--experiment toy --out "
            + dir.file("plain.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readCsvRows(dir.file("plain.csv"))[5],
              (std::vector<std::string> {"toy", "net", "dnn", "a", "2", "1", "1"}));
}

TEST(Cli, HumansConsistencyWritesEveryPairPerCondition)
{
    test::TempDir dir;
    writeHumansData(dir.path());
    auto r = cli("humans consistency --data " + dir.path().string()
                 + " --experiment toy-experiment --out " + dir.file("c.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = readCsvRows(dir.file("c.csv"));
    // a: 3 observers -> 3 pairs; b: 2 subjects -> 1 pair.
    ASSERT_EQ(rows.size(), 1u + 4u);
    EXPECT_EQ(rows[0][0], "experiment");
    EXPECT_EQ(rows[0][11], "kappa");
    // a, subject-01 vs subject-02 on n01_1 and n02_1: correct 1 0 vs 1 1 -> c_obs 1/2,
    // p1 1/2, p2 1, c_exp 1/2, kappa 0, accuracy difference 1/4.
    EXPECT_EQ(rows[1],
              (std::vector<std::string> {"toy", "a", "subject-01", "human", "subject-02", "human",
                                         "2", "0.5", "1", "0.5", "0.5", "0", "0.25", "NaN"}));
}

TEST(Cli, HumansBadInputGivesExitCodeTwoAndOneLine)
{
    test::TempDir dir;
    expectBadInput(
        cli("humans summary --data " + dir.file("missing") + " --out " + dir.file("s.csv")),
        "not a directory");
    writeHumansData(dir.path());
    expectBadInput(cli("humans summary --data " + dir.path().string() + " --experiment noise --out "
                       + dir.file("s.csv")),
                   "available: toy");
    const std::string bad = (dir.path() / "raw-data" / "humans" / "toy-experiment"
                             / "toy-experiment_subject-03_session_1.csv")
                                .string();
    test::writeBytes(bad,
                     "subj,session,trial,rt,object_response,category,condition,imagename\n"
                     "subject-03,1,1,0.5,cat,cat,a,x.png\n"
                     "subject-03,1,2,0.5,cat,cat,a\n");
    auto r = cli("humans summary --data " + dir.path().string() + " --out " + dir.file("s.csv"));
    expectBadInput(r, "line 3");
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    expectBadInput(cli("humans summary --data " + dir.path().string()
                       + " --dnn-response entropy_16 --out " + dir.file("s.csv")),
                   "dnn-response");
    expectBadInput(
        cli("humans consistency --data " + dir.path().string() + " --out " + dir.file("c.csv")),
        "experiment");
    expectBadInput(cli("humans"), "subcommand");
    for (const char *command :
         {"humans --help", "humans summary --help", "humans consistency --help"}) {
        const auto help = cli(command);
        EXPECT_EQ(help.exitCode, 0) << command;
        EXPECT_NE(help.out.find("Usage"), std::string::npos) << command;
    }
}

TEST(Cli, HumansSummaryOnThe2018DataEqualsTheReleasedNoiseTable)
{
    SPARSESCOPE_REQUIRE_REFERENCE(kHumanData2018,
                                  "clone https://github.com/rgeirhos/generalisation-humans-DNNs");
    test::TempDir dir;
    auto r = cli("humans summary --data " + kHumanData2018.string() + " --experiment noise --out "
                 + dir.file("noise.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = readCsvRows(dir.file("noise.csv"));
    const auto released = readCsvRows(
        (kHumanData2018 / "raw-accuracies" / "TF" / "noise_accuracies_sums_TF.csv").string());
    ASSERT_EQ(released.size(), 9u);
    int compared = 0;
    for (std::size_t i = 1; i < released.size(); ++i)
        for (std::size_t column = 1; column < 5; ++column) {
            const std::string &observer = released[0][column];
            for (const auto &row : rows)
                if (row[1] == observer && std::stod(row[3]) == std::stod(released[i][0])) {
                    EXPECT_NEAR(std::stod(row[5]), std::stod(released[i][column]), 1e-4)
                        << observer << " " << row[3];
                    ++compared;
                }
        }
    EXPECT_EQ(compared, 32);
}
