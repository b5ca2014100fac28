// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/GradientBoostedTrees.h"

#include "sparsescope/core/Error.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>

namespace sparsescope::core {

namespace {

void check(int status)
{
    if (status != 0)
        throw Error("XGBoost", XGBGetLastError());
}

/// A DMatrix that frees itself.
class Matrix
{
public:
    explicit Matrix(const TabularArrays &data)
    {
        check(XGDMatrixCreateFromMat(data.x.data(), bst_ulong(data.rows), bst_ulong(data.columns),
                                     std::numeric_limits<float>::quiet_NaN(), &m_handle));
        if (!data.y.empty())
            check(XGDMatrixSetFloatInfo(m_handle, "label", data.y.data(), bst_ulong(data.rows)));
    }
    ~Matrix() { XGDMatrixFree(m_handle); }
    Matrix(const Matrix &) = delete;
    Matrix &operator=(const Matrix &) = delete;
    DMatrixHandle handle() const { return m_handle; }

private:
    DMatrixHandle m_handle = nullptr;
};

void setParameter(BoosterHandle booster, const char *name, const std::string &value)
{
    check(XGBoosterSetParam(booster, name, value.c_str()));
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

/// The number after the last ':' of XGBoost's "[3]\tvalidation-rmse:1.234" line.
double lastMetric(const char *text)
{
    const std::string line = text ? text : "";
    const auto colon = line.rfind(':');
    if (colon == std::string::npos)
        return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(line.c_str() + colon + 1, nullptr);
}

} // namespace

GradientBoostedTrees::GradientBoostedTrees(const GbtSettings &settings, TabularTask task,
                                           int numClasses, std::uint64_t seed, int threads)
    : m_settings(settings)
    , m_task(task)
    , m_numClasses(numClasses)
    , m_seed(seed)
    , m_threads(threads)
{ }

GradientBoostedTrees::~GradientBoostedTrees()
{
    if (m_booster)
        XGBoosterFree(m_booster);
}

bool GradientBoostedTrees::fit(const TabularArrays &train, const TabularArrays *validation,
                               int rounds, std::stop_token stop)
{
    if (m_booster) {
        XGBoosterFree(m_booster);
        m_booster = nullptr;
    }
    m_validationLosses.clear();
    m_bestRounds = 0;
    Matrix trainMatrix(train);
    std::unique_ptr<Matrix> validationMatrix;
    if (validation && validation->rows > 0)
        validationMatrix = std::make_unique<Matrix>(*validation);
    DMatrixHandle cache[2]
        = {trainMatrix.handle(), validationMatrix ? validationMatrix->handle() : nullptr};
    BoosterHandle booster = nullptr;
    check(XGBoosterCreate(cache, validationMatrix ? 2 : 1, &booster));
    m_booster = booster;
    setParameter(booster, "verbosity", "0");
    setParameter(booster, "tree_method", "hist");
    setParameter(booster, "nthread", std::to_string(std::max(1, m_threads)));
    setParameter(booster, "seed", std::to_string(m_seed % 2147483647ULL));
    setParameter(booster, "eta", number(m_settings.learningRate));
    setParameter(booster, "max_depth", std::to_string(m_settings.maxDepth));
    setParameter(booster, "subsample", number(m_settings.subsample));
    setParameter(booster, "colsample_bytree", number(m_settings.columnSample));
    setParameter(booster, "min_child_weight", number(m_settings.minChildWeight));
    if (m_task == TabularTask::Regression) {
        setParameter(booster, "objective", "reg:squarederror");
        setParameter(booster, "eval_metric", "rmse");
        double mean = 0.0;
        for (float y : train.y)
            mean += y;
        setParameter(booster, "base_score", number(train.rows ? mean / double(train.rows) : 0.0));
    } else if (m_numClasses == 2) {
        setParameter(booster, "objective", "binary:logistic");
        setParameter(booster, "eval_metric", "logloss");
    } else {
        setParameter(booster, "objective", "multi:softprob");
        setParameter(booster, "num_class", std::to_string(m_numClasses));
        setParameter(booster, "eval_metric", "mlogloss");
    }

    double best = std::numeric_limits<double>::infinity();
    for (int round = 0; round < rounds; ++round) {
        if (stop.stop_requested())
            return false;
        check(XGBoosterUpdateOneIter(booster, round, trainMatrix.handle()));
        if (!validationMatrix) {
            m_bestRounds = round + 1;
            continue;
        }
        DMatrixHandle evaluated[1] = {validationMatrix->handle()};
        const char *names[1] = {"validation"};
        const char *text = nullptr;
        check(XGBoosterEvalOneIter(booster, round, evaluated, names, 1, &text));
        const double loss = lastMetric(text);
        m_validationLosses.push_back(loss);
        if (loss < best) {
            best = loss;
            m_bestRounds = round + 1;
        } else if (round + 1 - m_bestRounds >= m_settings.earlyStoppingRounds) {
            break;
        }
    }
    return true;
}

std::vector<float> GradientBoostedTrees::predict(const TabularArrays &data) const
{
    if (!m_booster)
        throw Error("XGBoost", "predict before fit");
    if (data.rows == 0)
        return {};
    TabularArrays features = data;
    features.y.clear();
    Matrix matrix(features);
    const std::string config = "{\"type\": 0, \"training\": false, \"iteration_begin\": 0, "
                               "\"iteration_end\": "
        + std::to_string(m_bestRounds) + ", \"strict_shape\": false}";
    const bst_ulong *shape = nullptr;
    bst_ulong dimensions = 0;
    const float *result = nullptr;
    check(XGBoosterPredictFromDMatrix(m_booster, matrix.handle(), config.c_str(), &shape,
                                      &dimensions, &result));
    bst_ulong count = 1;
    for (bst_ulong d = 0; d < dimensions; ++d)
        count *= shape[d];
    std::vector<float> out(result, result + count);
    if (m_task == TabularTask::Classification && m_numClasses == 2) {
        // binary:logistic gives P(class 1); the comparison wants both columns.
        std::vector<float> both(2 * data.rows);
        for (std::size_t r = 0; r < data.rows; ++r) {
            both[2 * r] = 1.0f - out[r];
            both[2 * r + 1] = out[r];
        }
        return both;
    }
    return out;
}

int GradientBoostedTrees::featuresUsed() const
{
    if (!m_booster)
        return 0;
    bst_ulong count = 0;
    const char **names = nullptr;
    bst_ulong dimensions = 0;
    const bst_ulong *shape = nullptr;
    const float *scores = nullptr;
    check(XGBoosterFeatureScore(m_booster, "{\"importance_type\": \"weight\"}", &count, &names,
                                &dimensions, &shape, &scores));
    return int(count);
}

void GradientBoostedTrees::save(const std::string &path) const
{
    if (!m_booster)
        throw Error(path, "no trained trees to save");
    if (XGBoosterSaveModel(m_booster, path.c_str()) != 0)
        throw Error(path, std::string("cannot write the XGBoost model: ") + XGBGetLastError());
}

} // namespace sparsescope::core
