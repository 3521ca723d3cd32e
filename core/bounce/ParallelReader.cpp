// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/ParallelReader.h"

namespace bd {

ParallelReader::ParallelReader(const BounceReader &reader, Sink sink, int threads, int window)
    : m_reader(reader)
    , m_sink(std::move(sink))
    , m_window(size_t(qMax(1, window)))
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

void ParallelReader::add(MailItem &&item)
{
    if (m_threads.empty()) {
        m_sink(m_reader.read(item));
        return;
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        drainReady(lock);
        if (m_nextIn - m_nextOut < m_window)
            break;
        m_resultReady.wait(lock);
    }
    m_queue.emplace_back(m_nextIn++, std::move(item));
    lock.unlock();
    m_workAvailable.notify_one();
}

void ParallelReader::drainReady(std::unique_lock<std::mutex> &lock)
{
    for (auto it = m_done.find(m_nextOut); it != m_done.end(); it = m_done.find(m_nextOut)) {
        MessageReport report = std::move(it->second);
        m_done.erase(it);
        ++m_nextOut;
        // The sink may be slow (it writes output); the workers go on meanwhile.
        lock.unlock();
        m_sink(std::move(report));
        lock.lock();
    }
}

void ParallelReader::finish()
{
    if (m_threads.empty())
        return;
    std::unique_lock lock(m_mutex);
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
        MessageReport report = m_reader.read(item);
        lock.lock();
        m_done.emplace(sequence, std::move(report));
        lock.unlock();
        m_resultReady.notify_one();
    }
}

} // namespace bd
