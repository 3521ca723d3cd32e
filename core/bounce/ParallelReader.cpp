// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/ParallelReader.h"

#include <algorithm>

namespace bd {

ParallelReader::ParallelReader(
        const BounceReader &reader, Sink sink, int threads, int window, qint64 byteBudget)
    : ParallelReader([&reader]() -> const BounceReader & { return reader; }, std::move(sink),
            threads, window, byteBudget)
{
}

ParallelReader::ParallelReader(
        ReaderSource reader, Sink sink, int threads, int window, qint64 byteBudget)
    : m_readerSource(std::move(reader))
    , m_sink(std::move(sink))
    , m_window(size_t(qMax(1, window)))
    , m_budget(qMax<qint64>(1, byteBudget))
{
    start(threads);
}

ParallelReader::ParallelReader(const BounceReader &reader, Serializer serializer, BytesSink sink,
        int threads, int window, qint64 byteBudget)
    : ParallelReader([&reader]() -> const BounceReader & { return reader; }, std::move(serializer),
            std::move(sink), threads, window, byteBudget)
{
}

ParallelReader::ParallelReader(ReaderSource reader, Serializer serializer, BytesSink sink,
        int threads, int window, qint64 byteBudget)
    : m_readerSource(std::move(reader))
    , m_serializer(std::move(serializer))
    , m_bytesSink(std::move(sink))
    , m_window(size_t(qMax(1, window)))
    , m_budget(qMax<qint64>(1, byteBudget))
{
    start(threads);
}

void ParallelReader::start(int threads)
{
    if (threads <= 0)
        threads = int(qMax(1u, std::thread::hardware_concurrency()));
    // One thread reads one message at a time: with a single core, do the work inline.
    if (threads > 1) {
        for (int i = 0; i < threads; ++i)
            m_threads.emplace_back([this] { work(); });
    }
}

ParallelReader::~ParallelReader()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_workAvailable.notify_all();
    for (std::thread &t : m_threads)
        t.join();
}

const BounceReader &ParallelReader::reader() const
{
    // The other workers wait here until it is made: they have nothing to read without it.
    std::call_once(m_readerMade, [this] { m_reader = &m_readerSource(); });
    return *m_reader;
}

ParallelReader::Done ParallelReader::readOne(const MailItem &item) const
{
    Done done {reader().read(item), {}};
    if (m_serializer) {
        done.bytes = m_serializer(done.report);
        done.report = MessageReport();
    }
    return done;
}

void ParallelReader::deliver(Done &&done)
{
    if (m_serializer)
        m_bytesSink(std::move(done.bytes));
    else
        m_sink(std::move(done.report));
}

void ParallelReader::add(MailItem &&item)
{
    const qint64 size = item.data.size();
    if (m_threads.empty()) {
        m_peakBytes = qMax(m_peakBytes, size);
        deliver(readOne(item));
        return;
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        drainReady(lock);
        const bool windowFree = m_nextIn - m_nextOut < m_window;
        const bool budgetFree = m_bytes == 0 || m_bytes + size <= m_budget;
        if (windowFree && budgetFree)
            break;
        m_resultReady.wait(lock);
    }
    m_bytes += size;
    m_peakBytes = qMax(m_peakBytes, m_bytes);
    m_queue.emplace_back(m_nextIn++, std::move(item));
    lock.unlock();
    m_workAvailable.notify_one();
}

void ParallelReader::drainReady(std::unique_lock<std::mutex> &lock)
{
    while (!m_done.empty() && m_done.front()) {
        Done done = std::move(*m_done.front());
        m_done.pop_front();
        ++m_nextOut;
        // The sink may be slow (it writes output); the workers go on meanwhile.
        lock.unlock();
        deliver(std::move(done));
        lock.lock();
    }
}

void ParallelReader::finish()
{
    if (m_threads.empty())
        return;
    std::unique_lock lock(m_mutex);
    m_finishing = true;
    for (;;) {
        drainReady(lock);
        if (m_nextOut == m_nextIn)
            break;
        m_resultReady.wait(lock);
    }
}

void ParallelReader::work()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_workAvailable.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return;
        auto [sequence, item] = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        const qint64 size = item.data.size();
        Done done = readOne(item);
        item = MailItem(); // the input is let go before the budget says so
        lock.lock();
        m_bytes -= size;
        const size_t slot = size_t(sequence - m_nextOut);
        if (m_done.size() <= slot)
            m_done.resize(slot + 1);
        m_done[slot].emplace(std::move(done));
        // The feeding thread is woken once 16 messages have been taken from the queue (or at
        // the end), not for every message: it then hands out the reports ready and refills the
        // queue in one go. Measured on two loaded cores, waking it only after 64 or 192 made the
        // wall time worse.
        const size_t run = std::min<size_t>(16, m_window);
        const bool wake = m_finishing || m_queue.size() + run <= m_window;
        lock.unlock();
        if (wake)
            m_resultReady.notify_one();
    }
}

} // namespace bd
