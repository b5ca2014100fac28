// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/LatencyBench.h"

#include "models/BuiltinModel.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/sparsity/Thinner.h"
#include "sparsity/CsrMatrix.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

namespace sparsescope::core {

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

template<typename F>
double timeMs(F &&f)
{
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

struct Timed
{
    Trace first; ///< records of the first timed pass (shapes, weights)
    std::map<std::string, double> layerMs; ///< medians
    double modelMs = 0;
};

Timed timeModel(const Model &model, const torch::Tensor &x, const LatencyOptions &options)
{
    auto &net = dynamic_cast<const BuiltinModel &>(model.impl()).net();
    torch::NoGradGuard noGrad;
    net.eval();
    Timed timed;
    std::map<std::string, std::vector<double>> samples;
    for (int r = 0; r < options.warmup + options.repeats; ++r) {
        auto trace = net.timeLayers(x);
        if (r < options.warmup)
            continue;
        for (const auto &record : trace)
            samples[record.name].push_back(record.seconds * 1e3);
        if (timed.first.empty())
            timed.first = std::move(trace);
    }
    for (const auto &[name, s] : samples)
        timed.layerMs[name] = median(s);
    std::vector<double> whole;
    for (int r = 0; r < options.warmup + options.repeats; ++r) {
        const double ms = timeMs([&] { net.forward(x); });
        if (r >= options.warmup)
            whole.push_back(ms);
    }
    timed.modelMs = median(whole);
    return timed;
}

/// A weight of `like`'s shape with the same number of non-zeros, at scattered positions: the
/// largest-magnitude entries of a random normal draw.
torch::Tensor scatteredLike(const torch::Tensor &like, std::int64_t nonzeros)
{
    auto w = torch::randn(like.sizes());
    const auto n = w.numel();
    if (nonzeros >= n)
        return w;
    if (nonzeros <= 0)
        return torch::zeros_like(w);
    const auto magnitude = w.abs().reshape({-1});
    const auto threshold = std::get<0>(magnitude.kthvalue(n - nonzeros));
    return w.masked_fill(w.abs().le(threshold), 0.0);
}

double timeSparse(const TraceRecord &record, int batch, const LatencyOptions &options,
                  std::int64_t nonzeros)
{
    torch::NoGradGuard noGrad;
    const auto weight = scatteredLike(record.weight.detach().contiguous(), nonzeros);
    const auto n = weight.size(0);
    const CsrMatrix csr(weight.reshape({n, -1}));
    const auto bias = record.bias.defined() ? record.bias.detach().contiguous() : torch::Tensor();
    std::vector<std::int64_t> shape {batch};
    shape.insert(shape.end(), record.inputShape.begin(), record.inputShape.end());
    const auto x = torch::rand(shape);
    std::function<torch::Tensor()> run;
    if (record.kind == "conv") {
        namespace F = torch::nn::functional;
        const auto kh = weight.size(2), kw = weight.size(3);
        const auto ho = record.outputShape.at(1), wo = record.outputShape.at(2);
        run = [&, kh, kw, ho, wo] {
            const auto columns = F::unfold(x,
                                           F::UnfoldFuncOptions({kh, kw})
                                               .padding(record.padding)
                                               .stride(record.stride)); // [B, K, L]
            const auto k = columns.size(1), l = columns.size(2);
            const auto lhs = columns.transpose(0, 1).reshape({k, batch * l}).contiguous();
            auto y = csr.multiply(lhs).view({n, batch, l}).transpose(0, 1);
            if (bias.defined())
                y = y + bias.view({1, n, 1});
            return y.reshape({batch, n, ho, wo}).contiguous();
        };
    } else {
        run = [&] {
            auto y = csr.multiply(x.t().contiguous()).t();
            if (bias.defined())
                y = y + bias;
            return y.contiguous();
        };
    }
    std::vector<double> samples;
    for (int r = 0; r < options.warmup + options.repeats; ++r) {
        const double ms = timeMs([&] { run(); });
        if (r >= options.warmup)
            samples.push_back(ms);
    }
    return median(samples);
}

std::string ratio(double a, double b)
{
    char s[32];
    if (b <= 0)
        return "-";
    std::snprintf(s, sizeof s, "%.2fx", a / b);
    return s;
}

} // namespace

std::vector<LatencyReport> LatencyBench::run(const Model &model, const LatencyOptions &options)
{
    if (!model.isValid() || model.isTorchScript())
        throw Error(model.isValid() ? model.architecture() : "model",
                    "latency benchmark needs a built-in architecture (it times each layer)");
    if (options.repeats < 1 || options.warmup < 0)
        throw Error("bench-latency", "repeats must be at least 1");
    // Denormal weights would make the dense layers look slower than they are (see Runtime).
    at::globalContext().setFlushDenormal(true);
    const auto thin = Thinner::thin(model);
    std::vector<LatencyReport> reports;
    for (const int batch : options.batches) {
        if (batch < 1)
            throw Error("bench-latency", "batch sizes must be positive");
        torch::manual_seed(options.seed);
        const auto &o = model.options();
        const auto x = torch::rand({batch, o.inChannels, o.height, o.width});
        const auto dense = timeModel(model, x, options);
        const auto thinned = timeModel(thin.model, x, options);
        std::map<std::string, const TraceRecord *> thinRecords;
        for (const auto &record : thinned.first)
            thinRecords[record.name] = &record;

        LatencyReport report;
        report.architecture = model.architecture();
        report.batch = batch;
        report.repeats = options.repeats;
        report.threads = at::get_num_threads();
        report.modelDenseMs = dense.modelMs;
        report.modelThinMs = thinned.modelMs;
        std::int64_t weights = 0, zeros = 0;
        for (const auto &record : dense.first) {
            LayerLatency l;
            l.name = record.name;
            l.kind = record.kind;
            const auto biasCount = record.bias.defined() ? record.bias.numel() : 0;
            l.parameters = record.weight.numel() + biasCount;
            l.nonzeros = record.weight.count_nonzero().item<std::int64_t>();
            weights += record.weight.numel();
            zeros += record.weight.numel() - l.nonzeros;
            l.macs = record.macs;
            l.denseMs = dense.layerMs.at(record.name);
            if (auto it = thinRecords.find(record.name); it != thinRecords.end()) {
                const auto &t = *it->second;
                l.thinParameters = t.weight.numel() + (t.bias.defined() ? t.bias.numel() : 0);
                l.thinMacs = t.macs;
                l.thinMs = thinned.layerMs.at(record.name);
            }
            l.sparseMs = timeSparse(record, batch, options, l.nonzeros);
            report.layers.push_back(l);
        }
        report.elementSparsity = weights > 0 ? double(zeros) / double(weights) : 0;
        reports.push_back(std::move(report));
    }
    return reports;
}

LayerLatency LatencyReport::total(const std::string &kind) const
{
    LayerLatency t;
    t.name = kind.empty() ? "all layers" : kind + " total";
    t.kind = kind;
    for (const auto &l : layers) {
        if (!kind.empty() && l.kind != kind)
            continue;
        t.parameters += l.parameters;
        t.thinParameters += l.thinParameters;
        t.nonzeros += l.nonzeros;
        t.macs += l.macs;
        t.thinMacs += l.thinMacs;
        t.denseMs += l.denseMs;
        t.thinMs += l.thinMs;
        t.sparseMs += l.sparseMs;
    }
    return t;
}

std::string LatencyReport::toText() const
{
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line,
                  "%s, batch %d, %d threads, median of %d; element sparsity %.1f %%\n",
                  architecture.c_str(), batch, threads, repeats, 100.0 * elementSparsity);
    out << line;
    std::snprintf(line, sizeof line, "%-16s %-6s %17s %21s %9s %9s %9s %8s %8s\n", "layer", "kind",
                  "params dense>thin", "MACs dense>thin", "dense ms", "thin ms", "csr ms", "thin x",
                  "csr x");
    out << line;
    auto row = [&](const LayerLatency &l) {
        std::snprintf(
            line, sizeof line, "%-16s %-6s %8lld>%-8lld %10lld>%-10lld %9.3f %9.3f %9.3f %8s %8s\n",
            l.name.c_str(), l.kind.c_str(), (long long)l.parameters, (long long)l.thinParameters,
            (long long)l.macs, (long long)l.thinMacs, l.denseMs, l.thinMs, l.sparseMs,
            ratio(l.denseMs, l.thinMs).c_str(), ratio(l.denseMs, l.sparseMs).c_str());
        out << line;
    };
    for (const auto &l : layers)
        row(l);
    const auto conv = total("conv");
    row(conv);
    row(total(""));
    std::snprintf(line, sizeof line, "model forward: dense %.3f ms, thinned %.3f ms (%s)\n",
                  modelDenseMs, modelThinMs, ratio(modelDenseMs, modelThinMs).c_str());
    out << line;
    if (conv.macs > 0 && conv.thinMs > 0 && conv.sparseMs > 0) {
        const double macReduction
            = double(conv.macs) / double(std::max<std::int64_t>(conv.thinMacs, 1));
        const double structured = conv.denseMs / conv.thinMs;
        const double scattered = conv.denseMs / conv.sparseMs;
        std::snprintf(line, sizeof line,
                      "conv: MAC reduction %.2fx, thinned speedup %.2fx (%.2f of the MAC "
                      "reduction), non-structured CSR speedup %.2fx, structured / "
                      "non-structured %.2fx\n",
                      macReduction, structured, structured / macReduction, scattered,
                      structured / scattered);
        out << line;
    }
    return out.str();
}

std::string LatencyReport::toCsv(bool header) const
{
    std::ostringstream out;
    if (header)
        out << "architecture,batch,threads,layer,kind,parameters,thin_parameters,nonzeros,macs,"
               "thin_macs,dense_ms,thin_ms,csr_ms\n";
    auto row = [&](const LayerLatency &l) {
        out << architecture << ',' << batch << ',' << threads << ',' << l.name << ',' << l.kind
            << ',' << l.parameters << ',' << l.thinParameters << ',' << l.nonzeros << ',' << l.macs
            << ',' << l.thinMacs << ',' << l.denseMs << ',' << l.thinMs << ',' << l.sparseMs
            << '\n';
    };
    for (const auto &l : layers)
        row(l);
    row(total("conv"));
    row(total(""));
    return out.str();
}

} // namespace sparsescope::core
