<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>bd::BounceWizard</name>
    <message>
        <source>Bounce Doctor</source>
        <translation>退信医生</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Sessi&amp;on…</source>
        <translation>会话(&amp;O)…</translation>
    </message>
    <message>
        <source>%1 is not a Bounce Doctor session</source>
        <translation>%1 不是 Bounce Doctor 会话文件</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Sessions (*.json)</source>
        <translation>会话 (*.json)</translation>
    </message>
    <message>
        <source>Could not open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Recent sessions</source>
        <translation>最近的会话(&amp;R)</translation>
    </message>
    <message>
        <source>A&amp;bout Bounce Doctor</source>
        <translation>关于 Bounce Doctor(&amp;B)</translation>
    </message>
    <message>
        <source>%1 — Bounce Doctor</source>
        <translation>%1 — Bounce Doctor</translation>
    </message>
    <message>
        <source>About Bounce Doctor</source>
        <translation>关于 Bounce Doctor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bounce Doctor %1&lt;/h3&gt;&lt;p&gt;Why does my mail bounce, and how do I fix it?&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bounce Doctor %1&lt;/h3&gt;&lt;p&gt;我的邮件为什么被退回？怎样解决？&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;What leaves this computer, and only when you start that step: DNS queries to your resolver or the one in Settings, RDAP and WHOIS queries to the regional registries about your IP, a DNS query to Abusix&apos;s contact database (can be turned off), a connection to the relay you test and, if you ask, one to a public mail server&apos;s port 25. Passwords are never written to disk except into the settings files you save for your own server.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later. Built with Qt %1 and c-ares %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;只有在你开始相应步骤时，才会有数据离开这台电脑：发往你的 DNS 服务器（或设置中指定的 DNS 服务器）的 DNS 查询；发往各地区互联网注册管理机构、关于你的 IP 的 RDAP 和 WHOIS 查询；一次查询 Abusix 联系人数据库的 DNS 请求（可以关闭）；到你所测试的中继服务器的连接；以及在你要求时，到一台公共邮件服务器 25 端口的一次连接。密码从不写入磁盘，只会写进你为自己的服务器保存的配置文件。&lt;/p&gt;&lt;p&gt;自由软件，依据 GNU 通用公共许可证第 3 版或更新版本发布。使用 Qt %1 和 c-ares %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore sessions</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <source>Windows that are closed now left these sessions. The checked ones are restored, each in its own window.</source>
        <translation>已关闭的窗口留下了这些会话。勾选的会话会被恢复，每个会话在各自的窗口中打开。</translation>
    </message>
    <message>
        <source>Sessions left by closed windows</source>
        <translation>已关闭窗口留下的会话</translation>
    </message>
    <message>
        <source>Saved %1, %2</source>
        <translation>保存于 %1，%2</translation>
    </message>
    <message>
        <source>Bounce Doctor stopped while restoring this session last time; it is not restored unless you check it.</source>
        <translation>上次恢复这个会话时 Bounce Doctor 中途停止了；除非你勾选它，否则不会恢复。</translation>
    </message>
    <message>
        <source>&amp;Restore checked</source>
        <translation>恢复勾选的会话(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete checked</source>
        <translation>删除勾选的会话(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>以后再说(&amp;N)</translation>
    </message>
    <message>
        <source>The session would take %1 MiB, more than the %2 MiB a session may hold, so it was not saved. Pasted text counts in full: save large bounces as files and open them on the bounces page instead of pasting them.</source>
        <translation>会话需要 %1 MiB，超过了单个会话最多 %2 MiB 的限制，因此没有保存。粘贴的文本会全部计入：请把大量退信另存为文件，在退信页面用“打开”读取，而不是粘贴。</translation>
    </message>
    <message>
        <source>%1 is larger than the %2 MiB a session may hold.</source>
        <translation>%1 超过了单个会话最多 %2 MiB 的限制。</translation>
    </message>
    <message>
        <source>Not saved automatically</source>
        <translation>未能自动保存</translation>
    </message>
</context>
<context>
    <name>bd::BouncesPage</name>
    <message>
        <source>The bounces</source>
        <translation>退信</translation>
    </message>
    <message>
        <source>Paste the bounce text, or drop .eml, mbox or Maildir files here. Each failed recipient is explained below.</source>
        <translation>粘贴退信文本，或把 .eml、mbox、Maildir 文件拖到这里。下方会逐个解释投递失败的收件人。</translation>
    </message>
    <message>
        <source>Bounce text</source>
        <translation>退信文本</translation>
    </message>
    <message>
        <source>Paste a bounce here, e.g. the lines starting with &lt;user@example.org&gt;: host … said: 550 …</source>
        <translation>在此粘贴退信，例如以 &lt;user@example.org&gt;: host … said: 550 … 开头的几行</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Sample bounce</source>
        <translation>示例退信(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>Failed recipients</source>
        <translation>投递失败的收件人</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>List or provider</source>
        <translation>黑名单或服务商</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>错误类型</translation>
    </message>
    <message>
        <source>What the bounce means</source>
        <translation>退信的含义</translation>
    </message>
    <message>
        <source>Waiting for a bounce</source>
        <translation>等待粘贴退信</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Not read: %1</source>
        <translation>未能读取：%1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Open bounces</source>
        <translation>打开退信</translation>
    </message>
    <message>
        <source>Mail messages (*.eml *.msg *.txt *.mbox *.mbx);;All files (*)</source>
        <translation>邮件 (*.eml *.msg *.txt *.mbox *.mbx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>（未注明）</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久性</translation>
    </message>
    <message>
        <source>temporary</source>
        <translation>临时性</translation>
    </message>
    <message>
        <source>No refusal found yet</source>
        <translation>尚未发现拒收信息</translation>
    </message>
    <message numerus="yes">
        <source>%n failed recipient(s)</source>
        <translation>
            <numerusform>%n 个收件人投递失败</numerusform>
        </translation>
    </message>
    <message>
        <source>The receiver said:</source>
        <translation>收件方原文：</translation>
    </message>
    <message>
        <source>IP named in the bounce:</source>
        <translation>退信中提到的 IP：</translation>
    </message>
    <message>
        <source>Blocked IP</source>
        <translation>被拦截的 IP</translation>
    </message>
    <message>
        <source>Corrected by you; the bounce wrote %1</source>
        <translation>已由你更正；退信中写的是 %1</translation>
    </message>
    <message>
        <source>no IP</source>
        <translation>没有 IP</translation>
    </message>
    <message>
        <source>Partly hidden in the bounce: double-click to enter the real address</source>
        <translation>退信中隐藏了部分地址：双击输入真实地址</translation>
    </message>
    <message>
        <source>Double-click to correct the address</source>
        <translation>双击可更正该地址</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1（已隐藏）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address. Enter four numbers like 113.98.228.10, or an IPv6 address.</source>
        <translation>“%1”不是 IP 地址。请输入类似 113.98.228.10 的四段数字，或 IPv6 地址。</translation>
    </message>
    <message>
        <source>Loading the text… %1%</source>
        <translation>正在载入文本… %1%</translation>
    </message>
    <message numerus="yes">
        <source>Reading… %n failed recipient(s) so far</source>
        <translation>
            <numerusform>正在读取… 目前 %n 个收件人投递失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bd::CheckIpCommand</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>HELO %1: resolves to the IP: %2, matches the PTR: %3</source>
        <translation>HELO %1：解析到该 IP：%2，与 PTR 一致：%3</translation>
    </message>
    <message>
        <source>SPF of %1: %2 %3</source>
        <translation>%1 的 SPF：%2 %3</translation>
    </message>
    <message>
        <source>DMARC: %1</source>
        <translation>DMARC：%1</translation>
    </message>
    <message>
        <source>What the world sees of a sending IP: PTR, forward confirmation, whether the name looks generic, DNSBL listings, HELO, SPF and DMARC.</source>
        <translation>外界眼中的发信 IP：PTR、正反向解析一致、是否为运营商默认的反解名称、DNSBL 黑名单、HELO、SPF 和 DMARC。</translation>
    </message>
    <message>
        <source>Print one JSON document.</source>
        <translation>输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 addresses to check.</source>
        <translation>要检查的 IPv4 或 IPv6 地址。</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>LISTED</source>
        <translation>已列入</translation>
    </message>
    <message>
        <source>PTR:</source>
        <translation>PTR：</translation>
    </message>
    <message>
        <source>Forward-confirmed:</source>
        <translation>正反向解析一致：</translation>
    </message>
    <message>
        <source>Name looks:</source>
        <translation>名称判断：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>归属：</translation>
    </message>
    <message>
        <source>Abuse contact:</source>
        <translation>滥用投诉邮箱：</translation>
    </message>
    <message>
        <source>NOC/technical:</source>
        <translation>网络/技术联系人：</translation>
    </message>
    <message>
        <source>Not used:</source>
        <translation>不使用：</translation>
    </message>
    <message>
        <source>Registry says:</source>
        <translation>注册机构记录：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;)</source>
        <translation>%1（“%2”）</translation>
    </message>
    <message>
        <source>not looked up</source>
        <translation>未查询</translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation>%1，来源 %2</translation>
    </message>
</context>
<context>
    <name>bd::CheckIpOptions</name>
    <message>
        <source>DNS server for every query (default: the system&apos;s).</source>
        <translation>所有查询使用的 DNS 服务器（默认使用系统设置）。</translation>
    </message>
    <message>
        <source>The HELO name your server uses.</source>
        <translation>你的服务器使用的 HELO 名称。</translation>
    </message>
    <message>
        <source>Your sender domain: check its MX, SPF and DMARC.</source>
        <translation>你的发件域名：检查其 MX、SPF 和 DMARC。</translation>
    </message>
    <message>
        <source>Do not query blocklists.</source>
        <translation>不查询黑名单。</translation>
    </message>
    <message>
        <source>Blocklist zones to query instead of the defaults.</source>
        <translation>代替默认列表要查询的黑名单查询域。</translation>
    </message>
    <message>
        <source>Do not look up who owns the range.</source>
        <translation>不查询地址段归属。</translation>
    </message>
    <message>
        <source>Do not ask the Abusix contact database (a DNS query).</source>
        <translation>不查询 Abusix 联系人数据库（一次 DNS 查询）。</translation>
    </message>
    <message>
        <source>First WHOIS server to ask.</source>
        <translation>首先查询的 WHOIS 服务器。</translation>
    </message>
    <message>
        <source>RDAP base URL to use.</source>
        <translation>使用的 RDAP 基础 URL。</translation>
    </message>
    <message>
        <source>Longest any one network operation may take (default 5000).</source>
        <translation>单个网络操作的最长时间（毫秒，默认 5000）。</translation>
    </message>
    <message>
        <source>Language of the explanations: en or zh_CN.</source>
        <translation>说明文字的语言：en 或 zh_CN。</translation>
    </message>
</context>
<context>
    <name>bd::ClassifyCommand</name>
    <message>
        <source>Read bounces (pasted text, .eml, mbox, Maildir or a folder) and say what each means.</source>
        <translation>读取退信（粘贴的文本、.eml、mbox、Maildir 或文件夹）并说明每封退信的含义。</translation>
    </message>
    <message>
        <source>Print one JSON document.</source>
        <translation>输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>Language of the explanations: en or zh_CN.</source>
        <translation>解释说明所用的语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Files or folders; &apos;-&apos; or none reads stdin.</source>
        <translation>文件或文件夹；使用“-”或不指定时从标准输入读取。</translation>
    </message>
</context>
<context>
    <name>bd::CliApplication</name>
    <message>
        <source>read bounces and say what they mean</source>
        <translation>读取退信并说明其含义</translation>
    </message>
    <message>
        <source>what the world sees of a sending IP</source>
        <translation>外界眼中的发信 IP</translation>
    </message>
    <message>
        <source>can this server relay for me</source>
        <translation>测试该服务器能否为我中继</translation>
    </message>
    <message>
        <source>settings that make an MTA send through a smarthost</source>
        <translation>让 MTA 通过 smarthost 发信的配置</translation>
    </message>
    <message>
        <source>draft the request that gets the block lifted</source>
        <translation>起草解除封锁的申请信</translation>
    </message>
    <message>
        <source>the wizard&apos;s whole walk, unattended</source>
        <translation>无人值守地完成向导的全部步骤</translation>
    </message>
    <message>
        <source>Usage: bounce-doctor-cli SUBCOMMAND [OPTIONS] [ARGS]

Find out why outgoing mail bounces and what to do about it.

Subcommands:
</source>
        <translation>用法：bounce-doctor-cli 子命令 [选项] [参数]

查明外发邮件被退信的原因以及如何处理。

子命令：
</translation>
    </message>
    <message>
        <source>
Global options:
  -h, --help     show this help, or a subcommand&apos;s help after its name
  -v, --version  show the version

Exit codes: 0 done, 2 usage error, 3 input could not be read,
4 every network operation failed.
</source>
        <translation>
全局选项：
  -h, --help     显示本帮助；写在子命令之后则显示该子命令的帮助
  -v, --version  显示版本

退出码：0 完成，2 用法错误，3 无法读取输入，
4 所有网络操作均失败。
</translation>
    </message>
</context>
<context>
    <name>bd::CliCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
</context>
<context>
    <name>bd::ConfigCheckPage</name>
    <message>
        <source>What your server does today</source>
        <translation>你的服务器目前的配置</translation>
    </message>
    <message>
        <source>Postfix settings</source>
        <translation>Postfix 设置</translation>
    </message>
    <message>
        <source>relayhost = …
smtp_sasl_auth_enable = …</source>
        <translation>relayhost = …
smtp_sasl_auth_enable = …</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>&amp;Open main.cf…</source>
        <translation>打开 main.cf(&amp;O)…</translation>
    </message>
    <message>
        <source>Test outbound port &amp;25</source>
        <translation>测试对外 25 端口(&amp;2)</translation>
    </message>
    <message>
        <source>Open main.cf</source>
        <translation>打开 main.cf</translation>
    </message>
    <message>
        <source>Postfix (main.cf);;All files (*)</source>
        <translation>Postfix (main.cf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Paste your settings above to check them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在上方粘贴你的设置以进行检查。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Connecting to %1 port %2…</source>
        <translation>正在连接 %1 的 %2 端口…</translation>
    </message>
    <message>
        <source>Paste the output of &quot;postconf -n&quot; (or open main.cf): the check says what stands between you and a working relay. Only the port 25 test connects anywhere.</source>
        <translation>粘贴 “postconf -n” 的输出（或打开 main.cf）：检查会指出还有什么妨碍中继正常工作。只有 25 端口测试会连接外部。</translation>
    </message>
    <message>
        <source>Mail server to try on port 25</source>
        <translation>用于测试 25 端口的邮件服务器</translation>
    </message>
    <message>
        <source>a recipient&apos;s mail server, e.g. mx.example.org</source>
        <translation>某个收件方的邮件服务器，例如 mx.example.org</translation>
    </message>
    <message>
        <source>Looking up the mail server of %1…</source>
        <translation>正在查询 %1 的邮件服务器（MX）…</translation>
    </message>
    <message>
        <source>Enter a mail server to try, for example the MX of a domain that refused your mail.</source>
        <translation>请填写要测试的邮件服务器，例如拒收你邮件的某个域名的 MX。</translation>
    </message>
</context>
<context>
    <name>bd::CredentialOptions</name>
    <message>
        <source>The user name of your ISP account.</source>
        <translation>你的运营商账号的用户名。</translation>
    </message>
    <message>
        <source>Read the password from this environment variable.</source>
        <translation>从这个环境变量读取密码。</translation>
    </message>
    <message>
        <source>Read the password from the first line of this file.</source>
        <translation>从这个文件的第一行读取密码。</translation>
    </message>
</context>
<context>
    <name>bd::DiagnoseCommand</name>
    <message>
        <source>The wizard&apos;s whole walk, unattended: classify the bounces, check every blocked IP they name, and write a report of what is wrong, the evidence, the fix paths in order and the drafted letters.</source>
        <translation>无人值守地走完向导的全部步骤：分析退信，检查退信中提到的每个被封锁的 IP，并写出一份报告：问题所在、证据、按顺序排列的解决办法以及起草好的信函。</translation>
    </message>
    <message>
        <source>md (default), html or json.</source>
        <translation>md（默认）、html 或 json。</translation>
    </message>
    <message>
        <source>The same as --format json.</source>
        <translation>等同于 --format json。</translation>
    </message>
    <message>
        <source>Write the report to this file instead of stdout.</source>
        <translation>把报告写入这个文件而不是标准输出。</translation>
    </message>
    <message>
        <source>Check this IP (the real one when the bounces mask it); repeatable.</source>
        <translation>检查这个 IP（退信隐藏了地址时填写真实地址）；可重复使用。</translation>
    </message>
    <message>
        <source>Your address, for the letters.</source>
        <translation>你的邮箱地址，用于信函。</translation>
    </message>
    <message>
        <source>Your name, for the letters.</source>
        <translation>你的姓名，用于信函。</translation>
    </message>
    <message>
        <source>Your organisation, for the letters.</source>
        <translation>你的单位，用于信函。</translation>
    </message>
    <message>
        <source>The PTR name to ask the ISP for (default: mail.DOMAIN).</source>
        <translation>要向运营商申请的 PTR 名称（默认：mail.域名）。</translation>
    </message>
    <message>
        <source>Bounces: files, mboxes, Maildirs, folders; &apos;-&apos; reads stdin.</source>
        <translation>退信：文件、mbox、Maildir、文件夹；“-” 表示读取标准输入。</translation>
    </message>
    <message>
        <source>Your own assignment from the ISP, e.g. 113.98.228.8/29: the letters call it static; without it, only the IP.</source>
        <translation>运营商单独分配给你的地址段，例如 113.98.228.8/29：信中只把它称为静态地址；不提供时只写该 IP。</translation>
    </message>
    <message>
        <source>Your organisation&apos;s name in English or pinyin, for the English text the ISP sends to Trend Micro (default: --org when it is in Latin letters).</source>
        <translation>贵司的英文名称或拼音，用于运营商发给趋势科技的英文内容（默认：--org 本身是拉丁字母时直接使用它）。</translation>
    </message>
</context>
<context>
    <name>bd::DiagnosisPage</name>
    <message>
        <source>What is wrong, and what to do</source>
        <translation>问题所在与解决办法</translation>
    </message>
    <message>
        <source>The verdict from the bounces and the checks, and the ways out that apply, fastest first. Choose one to go on; you can come back for the others.</source>
        <translation>根据退信和检查得出的结论，以及适用的解决办法（最快的在前）。选择一个继续；其他办法可以稍后回来再做。</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ways out&lt;/b&gt;</source>
        <translation>&lt;b&gt;解决办法&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>bd::IpPage</name>
    <message>
        <source>✖ listed</source>
        <translation>✖ 已列入</translation>
    </message>
    <message>
        <source>✔ not listed</source>
        <translation>✔ 未列入</translation>
    </message>
    <message>
        <source>⚠ refused</source>
        <translation>⚠ 被拒绝查询</translation>
    </message>
    <message>
        <source>⌛ no answer</source>
        <translation>⌛ 无应答</translation>
    </message>
    <message>
        <source>⚠ error</source>
        <translation>⚠ 出错</translation>
    </message>
    <message>
        <source>– not for IPv6</source>
        <translation>– 不支持 IPv6</translation>
    </message>
    <message>
        <source>… asking</source>
        <translation>… 查询中</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>停止(&amp;A)</translation>
    </message>
    <message>
        <source>Co&amp;py as text</source>
        <translation>复制为文本(&amp;P)</translation>
    </message>
    <message>
        <source>Your IP as receivers see it</source>
        <translation>收件方看到的你的 IP</translation>
    </message>
    <message>
        <source>IP address to check</source>
        <translation>要检查的 IP 地址</translation>
    </message>
    <message>
        <source>optional, e.g. mail.example.com</source>
        <translation>可选，例如 mail.example.com</translation>
    </message>
    <message>
        <source>HELO name</source>
        <translation>HELO 名称</translation>
    </message>
    <message>
        <source>optional, e.g. example.com</source>
        <translation>可选，例如 example.com</translation>
    </message>
    <message>
        <source>Sender domain</source>
        <translation>发件域名</translation>
    </message>
    <message>
        <source>What the checks found</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Blocklists</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Blocklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>&amp;IP address:</source>
        <translation>IP 地址(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;HELO name:</source>
        <translation>HELO 名称(&amp;H)：</translation>
    </message>
    <message>
        <source>Sender &amp;domain:</source>
        <translation>发件域名(&amp;D)：</translation>
    </message>
    <message>
        <source>The bounces hide part of the address (%1). Enter your server&apos;s real public IP: the one your mail leaves from.</source>
        <translation>退信隐藏了部分地址（%1）。请输入你的服务器真实的公网 IP，即邮件发出时使用的地址。</translation>
    </message>
    <message>
        <source>No IP was named in the bounces. Enter your server&apos;s public IP address.</source>
        <translation>退信中没有提到 IP。请输入你的服务器的公网 IP 地址。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address. Enter four numbers like 113.98.228.10, or an IPv6 address.</source>
        <translation>“%1”不是 IP 地址。请输入类似 113.98.228.10 的四段数字，或 IPv6 地址。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Cancelled.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;已取消。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%v of %m lookups answered</source>
        <translation>%m 个查询中已应答 %v 个</translation>
    </message>
    <message>
        <source>&lt;p&gt;Looking up the PTR…&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在查询 PTR…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;PTR:&lt;/b&gt; none (%1). Many receivers refuse mail from an IP without a PTR record.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;PTR：&lt;/b&gt;无（%1）。许多收件方会拒收来自没有 PTR 记录的 IP 的邮件。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;PTR:&lt;/b&gt; %1 — %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;PTR：&lt;/b&gt;%1 — %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>points back to this IP (forward-confirmed)</source>
        <translation>能正向解析回该 IP（正反向解析一致）</translation>
    </message>
    <message>
        <source>&lt;b&gt;does not point back&lt;/b&gt; to this IP (not forward-confirmed)</source>
        <translation>&lt;b&gt;不能正向解析回&lt;/b&gt;该 IP（正反向解析不一致）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The name looks generic:&lt;/b&gt; receivers such as Trend Micro treat the IP as a dynamic or end-user line.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;该反解名称是运营商默认（自动生成）的格式：&lt;/b&gt;趋势科技等收件方会把该 IP 当作家庭宽带等动态 IP。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The name looks like a server&apos;s.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;该名称看起来是服务器名称。&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;HELO %1:&lt;/b&gt; resolves to this IP: %2; same as the PTR: %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;HELO %1：&lt;/b&gt;解析到该 IP：%2；与 PTR 相同：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;SPF of %1:&lt;/b&gt; %2 %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 的 SPF：&lt;/b&gt;%2 %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;DMARC:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;DMARC：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>IP %1</source>
        <translation>IP %1</translation>
    </message>
    <message>
        <source>PTR: %1 (%2), forward-confirmed: %3</source>
        <translation>PTR：%1（%2），正反向解析一致：%3</translation>
    </message>
    <message>
        <source>Name looks %1: %2</source>
        <translation>名称判断为 %1：%2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Write to:&lt;/b&gt; %1 (their abuse desk)&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;请写信给：&lt;/b&gt;%1（其滥用投诉处理邮箱）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Write to:&lt;/b&gt; %1 (no abuse desk is registered; this is their network contact)&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;请写信给：&lt;/b&gt;%1（未登记滥用投诉邮箱，这是其网络联系人）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No abuse contact was found for this range.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有找到该地址段的滥用投诉联系方式。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Not %1: %2.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;不要使用 %1：%2。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The registry describes the range as &lt;b&gt;dynamic&lt;/b&gt; (&quot;%1&quot;): ask the ISP to mark your address static in WHOIS.&lt;/p&gt;</source>
        <translation>&lt;p&gt;注册机构把该地址段描述为&lt;b&gt;动态&lt;/b&gt;（“%1”）：请运营商在 WHOIS 中把你的地址标注为静态。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The registry describes the range as &lt;b&gt;static&lt;/b&gt; (&quot;%1&quot;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;注册机构把该地址段描述为&lt;b&gt;静态&lt;/b&gt;（“%1”）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reverse DNS (PTR), whether it points back, whether the name looks like an end-user line, the blocklists, and who owns the range. DNS, RDAP and WHOIS queries are sent; nothing else.</source>
        <translation>反向解析（PTR）、是否能正向解析回来、名称是否像家庭宽带等动态 IP、各黑名单，以及地址段归属。只会发送 DNS、RDAP 和 WHOIS 查询，不发送其他任何数据。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;The last check, from the saved session. Press &lt;b&gt;Check&lt;/b&gt; to look again.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;这是保存的会话中上一次的检查结果。按&lt;b&gt;检查&lt;/b&gt;重新查询。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;PTR:&lt;/b&gt; not known: the lookup failed (%1).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;PTR：&lt;/b&gt;未知：查询失败（%1）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未查到</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Owner:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;归属：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>bd::LetterCommand</name>
    <message>
        <source>Draft the letter that gets the block lifted: to the ISP for a static-looking PTR and a WHOIS note (isp-static-rdns), the text the ISP sends to Trend Micro (isp-dul-delist), or to the recipient&apos;s mail admin (recipient-allowlist).</source>
        <translation>起草解除封锁所需的信函：请运营商设置规范的反向解析（PTR）并在 WHOIS 中注明（isp-static-rdns）、运营商发给趋势科技的英文内容（isp-dul-delist），或写给收件方邮件管理员的信（recipient-allowlist）。</translation>
    </message>
    <message>
        <source>isp-static-rdns, isp-dul-delist or recipient-allowlist.</source>
        <translation>isp-static-rdns、isp-dul-delist 或 recipient-allowlist。</translation>
    </message>
    <message>
        <source>The blocked IP address.</source>
        <translation>被封锁的 IP 地址。</translation>
    </message>
    <message>
        <source>The PTR name to ask for (default: mail.DOMAIN).</source>
        <translation>要申请的 PTR 名称（默认：mail.域名）。</translation>
    </message>
    <message>
        <source>The IP&apos;s PTR name today; the letter says why it reads as dynamic.</source>
        <translation>该 IP 目前的 PTR 名称；信中会说明它为什么被看作动态地址。</translation>
    </message>
    <message>
        <source>Your mail domain.</source>
        <translation>你的邮件域名。</translation>
    </message>
    <message>
        <source>The recipient (the ISP&apos;s abuse or NOC address, a postmaster).</source>
        <translation>收信人（运营商的 abuse 或 NOC 邮箱，或 postmaster）。</translation>
    </message>
    <message>
        <source>Your address.</source>
        <translation>你的邮箱地址。</translation>
    </message>
    <message>
        <source>Your name.</source>
        <translation>你的姓名。</translation>
    </message>
    <message>
        <source>Your organisation.</source>
        <translation>你的单位。</translation>
    </message>
    <message>
        <source>The network&apos;s owner, as the registry names it.</source>
        <translation>网段所有者，按注册机构记录的名称。</translation>
    </message>
    <message>
        <source>The owner&apos;s range, e.g. 113.96.0.0/12.</source>
        <translation>所有者的网段，例如 113.96.0.0/12。</translation>
    </message>
    <message>
        <source>The owner&apos;s AS number, e.g. AS4134.</source>
        <translation>所有者的 AS 号，例如 AS4134。</translation>
    </message>
    <message>
        <source>The list that blocks, e.g. &quot;Trend Micro RBL+&quot;.</source>
        <translation>封锁你的列表，例如 “Trend Micro RBL+”。</translation>
    </message>
    <message>
        <source>Whose gateway refuses your mail (recipient-allowlist).</source>
        <translation>拒收你邮件的网关所属的域名（recipient-allowlist）。</translation>
    </message>
    <message>
        <source>Language of the letter: en or zh_CN.</source>
        <translation>信函语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>txt (default), eml (a draft for your mail program) or pdf.</source>
        <translation>txt（默认）、eml（邮件客户端草稿）或 pdf。</translation>
    </message>
    <message>
        <source>Write to this file instead of stdout (required for pdf).</source>
        <translation>写入这个文件而不是标准输出（pdf 必须指定）。</translation>
    </message>
    <message>
        <source>Print one JSON document.</source>
        <translation>输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>Your own assignment from the ISP, e.g. 113.98.228.8/29 (it holds --ip). The letters call it static; without it, only the IP.</source>
        <translation>运营商单独分配给你的地址段，例如 113.98.228.8/29（须包含 --ip）。信中只把它称为静态地址；不提供时只写该 IP。</translation>
    </message>
    <message>
        <source>DNS server for looking up the wanted name&apos;s A/AAAA record (default: the system&apos;s).</source>
        <translation>查询所申请名称的 A/AAAA 记录时使用的 DNS 服务器（默认：系统的）。</translation>
    </message>
    <message>
        <source>Longest that lookup may take (default 5000).</source>
        <translation>该查询最长可用的毫秒数（默认 5000）。</translation>
    </message>
    <message>
        <source>Do not look up the wanted name&apos;s A/AAAA record; the letter then asks you to publish it first.</source>
        <translation>不查询所申请名称的 A/AAAA 记录；信中会提醒你先发布该记录。</translation>
    </message>
    <message>
        <source>Your organisation&apos;s name in English or pinyin, for the English text the ISP sends to Trend Micro (default: --org when it is in Latin letters).</source>
        <translation>贵司的英文名称或拼音，用于运营商发给趋势科技的英文内容（默认：--org 本身是拉丁字母时直接使用它）。</translation>
    </message>
</context>
<context>
    <name>bd::LettersPage</name>
    <message>
        <source>To your ISP: proper PTR, WHOIS, Trend Micro DUL</source>
        <translation>给运营商：申请反向解析（PTR）、WHOIS 注明静态、移出趋势科技 DUL</translation>
    </message>
    <message>
        <source>What your ISP sends to Trend Micro (DUL)</source>
        <translation>运营商发给趋势科技的内容（DUL）</translation>
    </message>
    <message>
        <source>To the recipient&apos;s mail admin: allow us meanwhile</source>
        <translation>给收件方的邮件管理员：请暂时放行</translation>
    </message>
    <message>
        <source>&amp;Redraft</source>
        <translation>重新起草(&amp;R)</translation>
    </message>
    <message>
        <source>The letters that get the block lifted</source>
        <translation>解除封锁所需的信函</translation>
    </message>
    <message>
        <source>Drafted from what the checks found. Edit them freely: every change is kept, even if the program stops.</source>
        <translation>根据检查结果起草。可以随意修改：每一处修改都会保存，即使程序意外退出也不会丢失。</translation>
    </message>
    <message>
        <source>Which letter</source>
        <translation>哪一封信</translation>
    </message>
    <message>
        <source>Language of the letter</source>
        <translation>信函语言</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation>你的单位</translation>
    </message>
    <message>
        <source>Your address</source>
        <translation>你的邮箱地址</translation>
    </message>
    <message>
        <source>e.g. postmaster@example.com</source>
        <translation>例如 postmaster@example.com</translation>
    </message>
    <message>
        <source>Name to ask for</source>
        <translation>要申请的名称</translation>
    </message>
    <message>
        <source>default: mail.&lt;your domain&gt;</source>
        <translation>默认：mail.&lt;你的域名&gt;</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>复制(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Open in &amp;mail program</source>
        <translation>在邮件程序中打开(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Letter:</source>
        <translation>信函(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;You:</source>
        <translation>发件人信息(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;PTR to ask for:</source>
        <translation>要申请的 PTR(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>收件人(&amp;T)：</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>主题(&amp;U)：</translation>
    </message>
    <message>
        <source>Export the letter</source>
        <translation>导出信函</translation>
    </message>
    <message>
        <source>Mail draft (*.eml);;PDF (*.pdf);;Text (*.txt)</source>
        <translation>邮件草稿 (*.eml);;PDF (*.pdf);;文本 (*.txt)</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Your edited draft, kept from before. &quot;Redraft&quot; starts again from what the checks found.</source>
        <translation>这是你之前修改过的草稿。“重新起草”会根据检查结果重新开始。</translation>
    </message>
    <message>
        <source>No IP has been checked yet: the letter leaves a gap for it. Check the IP first for a complete letter.</source>
        <translation>还没有检查任何 IP：信中会留出空位。请先检查 IP，以得到完整的信函。</translation>
    </message>
    <message>
        <source>Your own assignment</source>
        <translation>你自己的地址段</translation>
    </message>
    <message>
        <source>optional, e.g. 113.98.228.8/29: the addresses the ISP assigned to you alone</source>
        <translation>可选，例如 113.98.228.8/29：运营商单独分配给你的地址</translation>
    </message>
    <message>
        <source>The letters ask the ISP to mark only this range, or else only the IP, as static; never the ISP&apos;s whole network.</source>
        <translation>信中只请运营商把这个地址段（未填写时只把该 IP）标注为静态，绝不会是运营商的整个网段。</translation>
    </message>
    <message>
        <source>Your &amp;assignment:</source>
        <translation>你的地址段(&amp;A)：</translation>
    </message>
    <message>
        <source>%1 points back to %2, so once the ISP sets the PTR, forward and reverse DNS agree.</source>
        <translation>%1 已指向 %2，运营商设置好 PTR 后即可正反向解析一致。</translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation>正在查询 %1 …</translation>
    </message>
    <message>
        <source>Publish the forward record &quot;%1.  IN  %2  %3&quot; in your DNS first: the ISP&apos;s new PTR is forward-confirmed only when the name points back to the address.</source>
        <translation>请先在你的 DNS 中发布正向记录“%1.  IN  %2  %3”：只有该名称指回这个地址，运营商设置的新 PTR 才能正反向解析一致。</translation>
    </message>
    <message>
        <source>Your organisation in English or pinyin</source>
        <translation>单位英文名称或拼音</translation>
    </message>
    <message>
        <source>in English or pinyin</source>
        <translation>英文名称或拼音</translation>
    </message>
    <message>
        <source>For the English text your ISP sends to Trend Micro, which must not carry Chinese characters.</source>
        <translation>用于运营商发给趋势科技的英文内容，其中不能出现汉字。</translation>
    </message>
    <message>
        <source>In Chinese: %1 is a Chinese domain.</source>
        <translation>已使用中文：%1 是国内的域名。</translation>
    </message>
    <message>
        <source>In English: %1 is not a Chinese domain, so its admin may not read Chinese.</source>
        <translation>已使用英文：%1 不是国内的域名，对方管理员可能不懂中文。</translation>
    </message>
    <message>
        <source>In Chinese: the IP&apos;s owner is in China (%1).</source>
        <translation>已使用中文：该 IP 的归属运营商在中国（%1）。</translation>
    </message>
    <message>
        <source>In English: the IP&apos;s owner is outside China (%1).</source>
        <translation>已使用英文：该 IP 的归属运营商不在中国（%1）。</translation>
    </message>
    <message>
        <source>Could not open the letter</source>
        <translation>无法打开这封信</translation>
    </message>
    <message>
        <source>“%1” holds a line break or another control character. In a mail header it would start a header of its own, so the letter is not written. Remove it and try again.</source>
        <translation>“%1”中含有换行符或其他控制字符。它在邮件头中会另起一个头字段，因此没有生成这封信。请删除后重试。</translation>
    </message>
    <message>
        <source>“%1” is not one mail address: %2</source>
        <translation>“%1”不是一个邮件地址：%2</translation>
    </message>
    <message>
        <source>Some characters are not in the PDF</source>
        <translation>有些字符没有出现在 PDF 中</translation>
    </message>
    <message>
        <source>No installed font can draw %1; they show as empty boxes in the PDF. The .eml and text exports keep them.</source>
        <translation>已安装的字体都无法显示 %1，它们在 PDF 中会显示为空白方框。导出为 .eml 或文本时这些字符会保留。</translation>
    </message>
</context>
<context>
    <name>bd::PasswordStore</name>
    <message>
        <source>the keyring refused access</source>
        <translation>密钥环拒绝了访问</translation>
    </message>
    <message>
        <source>no keyring is available on this desktop</source>
        <translation>此桌面环境没有可用的密钥环</translation>
    </message>
    <message>
        <source>no keyring answered (%1)</source>
        <translation>没有密钥环响应（%1）</translation>
    </message>
    <message>
        <source>this build has no keyring support</source>
        <translation>此版本不支持密钥环</translation>
    </message>
</context>
<context>
    <name>bd::RelayConfigCommand</name>
    <message>
        <source>The settings that make your mail server send through your ISP&apos;s relay (smarthost), with the reason for every line and the commands that apply them.</source>
        <translation>让你的邮件服务器经由中继服务器（smarthost）发信的配置，每一行都附有原因，并给出应用这些配置的命令。</translation>
    </message>
    <message>
        <source>Print one JSON document.</source>
        <translation>输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>Your mail software: postfix, exim4, sendmail, opensmtpd, exchange, or client (a desktop mail program).</source>
        <translation>你的邮件软件：postfix、exim4、sendmail、opensmtpd、exchange，或 client（桌面邮件程序）。</translation>
    </message>
    <message>
        <source>The ISP&apos;s relay.</source>
        <translation>运营商的中继。</translation>
    </message>
    <message>
        <source>starttls (587) or implicit (465); by default 465 is implicit and other ports STARTTLS.</source>
        <translation>starttls（587）或 implicit（465）；默认 465 为 implicit，其他端口为 STARTTLS。</translation>
    </message>
    <message>
        <source>Version of your mail software, e.g. 2.9 for Postfix on Debian 7.</source>
        <translation>邮件软件的版本，例如 Debian 7 上的 Postfix 为 2.9。</translation>
    </message>
    <message>
        <source>The server was installed with iRedMail.</source>
        <translation>服务器是用 iRedMail 安装的。</translation>
    </message>
    <message>
        <source>Relay only mail from this sender domain (Postfix; repeatable).</source>
        <translation>只中继来自这个发件域的邮件（Postfix；可重复使用）。</translation>
    </message>
    <message>
        <source>Your sender domain: check that its SPF record allows the relay.</source>
        <translation>你的发件域：检查它的 SPF 记录是否允许该中继。</translation>
    </message>
    <message>
        <source>DNS server for the SPF check (default: the system&apos;s).</source>
        <translation>SPF 检查使用的 DNS 服务器（默认：系统的）。</translation>
    </message>
    <message>
        <source>Longest any one DNS query may take (default 5000).</source>
        <translation>单次 DNS 查询的最长时间（默认 5000）。</translation>
    </message>
    <message>
        <source>Language of the explanations: en or zh_CN.</source>
        <translation>说明文字的语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Suggested SPF record for %1:</source>
        <translation>建议的 %1 SPF 记录：</translation>
    </message>
</context>
<context>
    <name>bd::RelayTestCommand</name>
    <message>
        <source>verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>NOT verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>Can this server relay for me? Connects, checks TLS and the certificate, logs in and goes as far as RCPT TO without sending a message.</source>
        <translation>这台服务器能为我中继吗？连接、检查 TLS 和证书、登录，一直进行到 RCPT TO，但不发送邮件。</translation>
    </message>
    <message>
        <source>Print one JSON document.</source>
        <translation>输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>The relay&apos;s host name or address.</source>
        <translation>中继的主机名或地址。</translation>
    </message>
    <message>
        <source>Port (default: 465 for implicit TLS, 25 for none, else 587).</source>
        <translation>端口（默认：implicit TLS 为 465，none 为 25，否则为 587）。</translation>
    </message>
    <message>
        <source>none, starttls or implicit (default: implicit on 465, else starttls).</source>
        <translation>none、starttls 或 implicit（默认：465 端口为 implicit，否则为 starttls）。</translation>
    </message>
    <message>
        <source>Envelope sender to try (MAIL FROM).</source>
        <translation>要测试的信封发件人（MAIL FROM）。</translation>
    </message>
    <message>
        <source>Recipient to try (RCPT TO); needs --from.</source>
        <translation>要测试的收件人（RCPT TO）；需要 --from。</translation>
    </message>
    <message>
        <source>Name to send in EHLO.</source>
        <translation>EHLO 中发送的名称。</translation>
    </message>
    <message>
        <source>Trust the certificates in this PEM file instead of the system&apos;s.</source>
        <translation>信任这个 PEM 文件中的证书，而不是系统的证书。</translation>
    </message>
    <message>
        <source>Go on when the certificate is untrusted or for another name.</source>
        <translation>证书不受信任或属于其他名称时仍继续。</translation>
    </message>
    <message>
        <source>Allow sending the password without TLS (--tls none).</source>
        <translation>允许在没有 TLS 的情况下发送密码（--tls none）。</translation>
    </message>
    <message>
        <source>DNS server for the relay&apos;s name (default: the system&apos;s).</source>
        <translation>解析中继名称使用的 DNS 服务器（默认：系统的）。</translation>
    </message>
    <message>
        <source>Longest any one SMTP step may take (default 10000).</source>
        <translation>单个 SMTP 步骤的最长时间（默认 10000）。</translation>
    </message>
    <message>
        <source>Language of the explanations: en or zh_CN.</source>
        <translation>说明文字的语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>OK: %1</source>
        <translation>通过：%1</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Instead of a relay test: is outbound port 25 (or --port) open to this mail server? Reads its greeting and sends nothing.</source>
        <translation>不测试中继，而是检查从本机到这台邮件服务器的对外 25 端口（或 --port 指定的端口）是否通畅：只读取对方的问候语，不发送任何内容。</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>回复：</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS：</translation>
    </message>
    <message>
        <source>AUTH before TLS:</source>
        <translation>TLS 之前的 AUTH：</translation>
    </message>
    <message>
        <source>AUTH after TLS:</source>
        <translation>TLS 之后的 AUTH：</translation>
    </message>
    <message>
        <source>Timings:</source>
        <translation>耗时：</translation>
    </message>
    <message>
        <source>%1, %2, certificate %3 (%4)</source>
        <translation>%1，%2，证书%3（%4）</translation>
    </message>
</context>
<context>
    <name>bd::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>system resolver (e.g. 127.0.0.1 or [::1]:53)</source>
        <translation>留空则使用系统的 DNS 服务器（例如 127.0.0.1 或 [::1]:53）</translation>
    </message>
    <message>
        <source>DNS server</source>
        <translation>DNS 服务器</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Timeout per network operation</source>
        <translation>单个网络操作的超时</translation>
    </message>
    <message>
        <source>Blocklist zones</source>
        <translation>黑名单查询域</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;DNS server:</source>
        <translation>DNS 服务器(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>超时(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Blocklists (one zone per line):</source>
        <translation>黑名单查询域（每行一个）(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>语言（重启后生效）(&amp;L)：</translation>
    </message>
    <message>
        <source>DNS server: %1</source>
        <translation>DNS 服务器：%1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a DNS zone.</source>
        <translation>“%1”不是有效的 DNS 区域。</translation>
    </message>
    <message>
        <source>Look up who owns the IP (RDAP and WHOIS queries to the registries)</source>
        <translation>查询 IP 的归属（向注册机构发送 RDAP 和 WHOIS 查询）</translation>
    </message>
    <message>
        <source>Also ask the Abusix abuse-contact database (one DNS query)</source>
        <translation>同时查询 Abusix 滥用联系人数据库（一次 DNS 查询）</translation>
    </message>
</context>
<context>
    <name>bd::SmarthostPage</name>
    <message>
        <source>Postfix</source>
        <translation>Postfix</translation>
    </message>
    <message>
        <source>Postfix installed by iRedMail</source>
        <translation>由 iRedMail 安装的 Postfix</translation>
    </message>
    <message>
        <source>Exim 4 (Debian, Ubuntu)</source>
        <translation>Exim 4（Debian、Ubuntu）</translation>
    </message>
    <message>
        <source>Sendmail</source>
        <translation>Sendmail</translation>
    </message>
    <message>
        <source>OpenSMTPD</source>
        <translation>OpenSMTPD</translation>
    </message>
    <message>
        <source>Microsoft Exchange</source>
        <translation>Microsoft Exchange</translation>
    </message>
    <message>
        <source>A mail program (Outlook, Thunderbird)</source>
        <translation>邮件客户端（Outlook、Thunderbird）</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>复制(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save files…</source>
        <translation>保存文件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Test relay</source>
        <translation>测试中继(&amp;T)</translation>
    </message>
    <message>
        <source>Cance&amp;l test</source>
        <translation>取消测试(&amp;L)</translation>
    </message>
    <message>
        <source>Send through a relay server</source>
        <translation>通过中继服务器发信</translation>
    </message>
    <message>
        <source>The fastest fix: your mail leaves from a relay server whose address receivers trust: your ISP&apos;s where it offers one, otherwise the SMTP server of a hosted mail service or a third-party SMTP relay service. Enter its details; the settings below follow.</source>
        <translation>最快的办法：经收件方信任的中继服务器发信。运营商一般不提供时，可用企业邮箱的 SMTP 或第三方 SMTP 中继／邮件推送服务。填入服务器信息，下面给出配置。</translation>
    </message>
    <message>
        <source>Mail software</source>
        <translation>邮件软件</translation>
    </message>
    <message>
        <source>Version of the mail software</source>
        <translation>邮件软件的版本</translation>
    </message>
    <message>
        <source>e.g. smtp.your-isp.example</source>
        <translation>例如 smtp.your-isp.example</translation>
    </message>
    <message>
        <source>Relay host</source>
        <translation>中继服务器</translation>
    </message>
    <message>
        <source>Relay port</source>
        <translation>中继端口</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS（通常为 587 端口）</translation>
    </message>
    <message>
        <source>SSL/TLS from the start (usually port 465)</source>
        <translation>SSL/TLS 直连（通常为 465 端口）</translation>
    </message>
    <message>
        <source>None (test only; no login)</source>
        <translation>不加密（仅用于测试；不登录）</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>often your full e-mail address</source>
        <translation>通常是完整的邮箱地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>asked each time, never stored</source>
        <translation>每次都会询问，绝不保存</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>optional: a sender address of yours</source>
        <translation>可选：你的一个发件地址</translation>
    </message>
    <message>
        <source>Sender to try</source>
        <translation>要测试的发件人</translation>
    </message>
    <message>
        <source>optional: an outside address (no mail is sent)</source>
        <translation>可选：一个外部地址（不会真正发信）</translation>
    </message>
    <message>
        <source>Recipient to try</source>
        <translation>要测试的收件人</translation>
    </message>
    <message>
        <source>Generated configuration</source>
        <translation>生成的配置</translation>
    </message>
    <message>
        <source>Relay test transcript</source>
        <translation>中继测试记录</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Relay test</source>
        <translation>中继测试</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>&amp;Mail software:</source>
        <translation>邮件软件(&amp;M)：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Relay &amp;server:</source>
        <translation>中继服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>Test &amp;envelope:</source>
        <translation>测试用发件人／收件人(&amp;E)：</translation>
    </message>
    <message>
        <source>Folder for the configuration files</source>
        <translation>保存配置文件的文件夹</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a version number like 2.9 or 3.7.</source>
        <translation>“%1”不是像 2.9 或 3.7 这样的版本号。</translation>
    </message>
    <message>
        <source>Enter the relay server&apos;s host name.</source>
        <translation>请输入中继服务器的主机名。</translation>
    </message>
    <message>
        <source>A configuration needs encryption: choose STARTTLS or SSL/TLS. (&quot;None&quot; is for testing a relay that takes mail from your network without login.)</source>
        <translation>配置必须使用加密：请选择 STARTTLS 或 SSL/TLS。（“不加密”只用于测试无需登录、接收你所在网络邮件的中继。）</translation>
    </message>
    <message>
        <source>&lt;p&gt;Enter the relay host to see the settings for your mail software.&lt;/p&gt;</source>
        <translation>&lt;p&gt;输入中继服务器后，这里会显示适用于你的邮件软件的配置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>There is no configuration to save yet.</source>
        <translation>还没有可以保存的配置。</translation>
    </message>
    <message>
        <source>Testing: %1…</source>
        <translation>正在测试：%1…</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>Accept a certificate this system does not trust (test only)</source>
        <translation>接受本系统不信任的证书（仅用于测试）</translation>
    </message>
    <message>
        <source>Remember the password in the desktop&apos;s keyring</source>
        <translation>在桌面密钥环中记住密码</translation>
    </message>
    <message>
        <source>asked each time, unless kept in the keyring</source>
        <translation>每次询问，除非保存在密钥环中</translation>
    </message>
    <message>
        <source>Kept encrypted by the keyring (GNOME Keyring, KWallet), never in Bounce Doctor&apos;s own files. Untick to forget it.</source>
        <translation>由密钥环（GNOME Keyring、KWallet）加密保存，绝不写入 Bounce Doctor 自己的文件。取消勾选即可删除。</translation>
    </message>
    <message>
        <source>The keyring could not be read: %1.</source>
        <translation>无法读取密钥环：%1。</translation>
    </message>
    <message>
        <source>The password could not be kept in the keyring (%1); it will be asked for next time.</source>
        <translation>无法将密码保存到密钥环（%1），下次会再次询问。</translation>
    </message>
</context>
<context>
    <name>bd::SummaryPage</name>
    <message>
        <source>The report</source>
        <translation>诊断报告</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Web page (*.html);;Markdown (*.md);;JSON (*.json)</source>
        <translation>网页 (*.html);;Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Everything found and everything to do, to keep or to send to whoever helps you. &quot;When to check again&quot; says when a fix can be seen to work.</source>
        <translation>所有发现和所有待办事项，可以留存，也可以发给帮助你的人。“何时再次检查”说明什么时候能看到修复的效果。</translation>
    </message>
    <message>
        <source>&amp;Check the IP again</source>
        <translation>重新检查 IP(&amp;C)</translation>
    </message>
</context>
<context>
    <name>bd::TextReport</name>
    <message>
        <source>Not a bounce</source>
        <translation>不是退信</translation>
    </message>
    <message>
        <source>Reported by: %1</source>
        <translation>报告方：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注：%1</translation>
    </message>
    <message>
        <source>(recipient not named)</source>
        <translation>（未注明收件人）</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久性</translation>
    </message>
    <message>
        <source>temporary</source>
        <translation>临时性</translation>
    </message>
    <message>
        <source> (partly hidden)</source>
        <translation>（部分隐藏）</translation>
    </message>
    <message>
        <source>Also mentioned: %1%2</source>
        <translation>文中还提到：%1%2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) read</source>
        <translation>
            <numerusform>已读取 %n 封邮件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bounce(s)</source>
        <translation>
            <numerusform>%n 封退信</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed recipient(s)</source>
        <translation>
            <numerusform>%n 个收件人投递失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1，%2，%3</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>诊断结论：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>收件服务器：</translation>
    </message>
    <message>
        <source>Refused at:</source>
        <translation>拒收阶段：</translation>
    </message>
    <message>
        <source>Blocked IP:</source>
        <translation>被拒收的 IP：</translation>
    </message>
    <message>
        <source>They said:</source>
        <translation>对方原文：</translation>
    </message>
    <message>
        <source>Look up:</source>
        <translation>查询：</translation>
    </message>
    <message>
        <source>What it means:</source>
        <translation>含义：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>bd::WelcomePage</name>
    <message>
        <source>Why does my mail bounce?</source>
        <translation>我的邮件为什么被退回？</translation>
    </message>
    <message>
        <source>Bounce Doctor reads the bounces, checks your server&apos;s IP as receivers see it, and walks you to the fix.</source>
        <translation>退信医生会读取退信，从收件方的角度检查你的服务器 IP，并一步步带你完成修复。</translation>
    </message>
    <message>
        <source>Try it with a sample bounce</source>
        <translation>用示例退信试一试</translation>
    </message>
    <message>
        <source>&lt;p&gt;Paste or drop the bounce messages your server got back. Bounce Doctor tells you, for each recipient, what the receiving server objected to, which blocklist or provider refused your IP, whether it is temporary, and what to do next: send through a relay server, have the ISP fix the reverse DNS, or ask for delisting.&lt;/p&gt;&lt;p&gt;&lt;b&gt;What leaves this computer:&lt;/b&gt; nothing while you read bounces. Later steps, when you start them, send DNS queries (PTR, blocklists, SPF), WHOIS/RDAP queries about your IP, a test connection to the relay you name, and, if you ask for it, one connection to a public mail server&apos;s port 25. Nothing else is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;p&gt;粘贴或拖入你的服务器收到的退信。退信医生会针对每个收件人告诉你：收件服务器拒收的原因、是哪个黑名单或服务商拒收了你的 IP、是否为临时拒收，以及下一步该怎么做：通过运营商的中继发信、请运营商修正反向解析，或申请移出黑名单。&lt;/p&gt;&lt;p&gt;&lt;b&gt;哪些数据会离开这台电脑：&lt;/b&gt;读取退信时不会发送任何数据。之后的步骤在你启动时才会发送 DNS 查询（PTR、黑名单、SPF）、关于你的 IP 的 WHOIS/RDAP 查询，到你指定的中继服务器的测试连接，以及（仅在你要求时）一次到公共邮件服务器 25 端口的连接。除此之外不会向任何地方发送数据。&lt;/p&gt;</translation>
    </message>
</context>
</TS>
