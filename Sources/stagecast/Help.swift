import Stagecast

/// The help text and the usage line, in both languages.
enum Help {
  static func usage(_ language: ReportLanguage) -> String {
    language == .zhCN
      ? """
      用法：stagecast report <商机导出文件> [--history 文件] [--config 文件] [--as-of YYYY-MM-DD]
                   [--out 目录] [--lang zh-CN|en] [--encoding 编码] [--strict] [--verbose]
                   [--targets 文件] [--team 文件] [--capacity 岗位=+N]
                   [--format html,md,json,csv] [--backtest] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
            stagecast inspect <商机导出文件> [--config 文件] [--encoding 编码] [--lang zh-CN|en] [--json]
            stagecast init <商机导出文件> [--config 文件] [--encoding 编码] [--lang zh-CN|en] > stagecast.json
            stagecast backtest <商机导出文件> [--history 文件] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                   [--as-of YYYY-MM-DD] [--config 文件] [--out 目录] [--lang zh-CN|en] [--encoding 编码]
            stagecast compare <上期导出文件> <本期导出文件> [--previous-as-of YYYY-MM-DD]
                   [--as-of YYYY-MM-DD] [--config 文件] [--out 目录] [--lang zh-CN|en] [--encoding 编码]
            stagecast snapshot add <商机导出文件> --as-of YYYY-MM-DD [--store 文件]
            stagecast snapshot list|remove <日期> [--store 文件]
      """
      : """
      usage: stagecast report EXPORT [--history FILE] [--config FILE] [--as-of YYYY-MM-DD]
                    [--out DIR] [--lang zh-CN|en] [--encoding NAME] [--strict] [--verbose]
                    [--targets FILE] [--team FILE] [--capacity ROLE=+N]
                    [--format html,md,json,csv] [--backtest] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
             stagecast inspect EXPORT [--config FILE] [--encoding NAME] [--lang zh-CN|en] [--json]
             stagecast init EXPORT [--config FILE] [--encoding NAME] [--lang zh-CN|en] > stagecast.json
             stagecast backtest EXPORT [--history FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                    [--as-of YYYY-MM-DD] [--config FILE] [--out DIR] [--lang zh-CN|en] [--encoding NAME]
             stagecast compare PREVIOUS CURRENT [--previous-as-of YYYY-MM-DD] [--as-of YYYY-MM-DD]
                    [--config FILE] [--out DIR] [--lang zh-CN|en] [--encoding NAME]
             stagecast snapshot add EXPORT --as-of YYYY-MM-DD [--store FILE]
             stagecast snapshot list|remove DATE [--store FILE]
      """
  }

  static func text(_ language: ReportLanguage) -> String {
    switch language {
    case .zhCN:
      return """
        stagecast：根据 CRM 或 Excel 导出的商机数据，测算阶段转化率和各等级赢单概率，生成销售预测报告。

        \(usage(.zhCN))

        命令：
          report                  生成报告（见下方选项）
          inspect                 显示文件的识别结果：编码、分隔符、来源系统、每列对应的字段、
                                  阶段和状态取值、日期格式及前几处问题；--json 输出 JSON
          init                    根据导出文件生成初始配置，输出到标准输出
          backtest                预测回测：以过去每个月末为截止日重算预测，与之后的实际赢单对比，
                                  输出 MAPE、偏差、P10–P90 命中、Brier 分数和赢率校准表；
                                  写入 backtest.md、backtest.csv、backtest_calibration.csv
          compare                 对比上期和本期两份导出：在手商机的变动瀑布（新增、提前、调增、
                                  调减、推迟、赢单、输单、无效），推进和退回的商机，预计签约日变动；
                                  写入 compare.md、waterfall.csv、slipped.csv
          snapshot                快照库：add 按统计截止日存入一份导出，list 列出已存日期，
                                  remove 删除某一期（默认 reports/stagecast.sqlite）

        参数：
          <商机导出文件>          商机导出 CSV（逗号、分号或制表符分隔；UTF-8、GB18030 或 UTF-16）

        选项：
          --history <文件>        阶段变更记录（每行：商机编号、阶段、进入日期）
          --config <文件>         JSON 配置文件，覆盖内置的 TAS+ 默认配置
          --targets <文件>        目标 CSV（月份、目标，可选负责人或区域），按月给出目标差额和覆盖
          --team <文件>           团队名单（岗位、姓名、月工时），替换配置中这些岗位的产能
          --capacity <岗位=+N>    假设某岗位每月增加 N 人（或 +Nh 小时），给出资源覆盖的变化
          --format <列表>         只写出所选类型：html、md（含图表 SVG）、json、csv，逗号分隔（默认全部）
          --as-of <日期>          统计截止日，格式 YYYY-MM-DD（默认：今天）
          --from、--to <日期>     backtest 回测的首末月末（默认：截止日前下月已结束的最近 12 个月末）
          --out <目录>            报告输出目录（默认：reports）
          --lang <语言>           报告语言：zh-CN 或 en（默认：配置文件，其次 LC_ALL、LC_MESSAGES、LANG 环境变量）
          --encoding <编码>       指定文件编码：utf-8、gb18030、utf-16le、utf-16be（默认自动识别）
          --strict                出现任何拒收行或无法识别的取值即失败，不生成报告（退出码 65）
          --verbose               在终端输出各步骤耗时和结果摘要
          --backtest              在报告“计算方法”部分加入预测回测（也可用 --from、--to 指定月末）
          -h, --help              显示本帮助
          --version               显示版本

        输出（写入 --out 目录，先写临时文件再整体替换）：
          report.html、report.md（及图表 chart-*.svg）、summary.json、funnel.csv、win_probability.csv、
          forecast.csv、forecast_categories.csv、range.csv、overdue.csv、grade_audit.csv、
          breakdown.csv、stalled.csv、sales_velocity.csv、targets.csv、velocity.csv、
          resources.csv、unfunded.csv、missing_fields.csv、rejects.csv；加 --backtest 时另有 backtest.csv、
          backtest_calibration.csv

        退出码：
          0 成功；64 命令行用法错误；65 数据错误（--strict 模式下有拒收，或文件为空、编码或 CSV 无法解析）；
          66 输入文件不存在或无法读取；78 配置错误（含列名无法对应）；1 其他错误
        """
    case .en:
      return """
        stagecast: measures stage conversion and win probability by grade from a CRM or
        Excel opportunity export, and writes the sales forecast report.

        \(usage(.en))

        Commands:
          report                  write the report (options below)
          inspect                 show how the file was understood: encoding, delimiter,
                                  profile, each column's field, stage and status values,
                                  date order and the first problems; --json for JSON
          init                    print a starter configuration made from the export
          backtest                replay past month-ends as the as-of date and compare the
                                  forecast with what was then won: MAPE, bias, P10–P90 hits,
                                  Brier score and a calibration table; writes backtest.md,
                                  backtest.csv and backtest_calibration.csv
          compare                 compare a previous and a current export: the pipeline
                                  waterfall (new, pulled in, increased, decreased, pushed
                                  out, won, lost, excluded), deals advanced and moved back,
                                  expected closes moved; writes compare.md, waterfall.csv
                                  and slipped.csv
          snapshot                the archive of exports: add one under its as-of date, list
                                  the stored dates, remove one (default reports/stagecast.sqlite)

        Arguments:
          EXPORT                  opportunity export as CSV (comma, semicolon or tab
                                  delimited; UTF-8, GB18030 or UTF-16)

        Options:
          --history FILE          stage history: one row per opportunity id, stage and date entered
          --config FILE           JSON configuration merged over the built-in TAS+ default
          --targets FILE          targets CSV (month, target, optional owner or region)
          --team FILE             team list (role, person, hours a month) for capacity
          --capacity ROLE=+N      what-if: N more people (or +Nh hours) a month for a role
          --format LIST           write only these outputs: html, md (with its chart SVG
                                  files), json, csv, comma-separated (default: all)
          --as-of YYYY-MM-DD      date the figures describe (default: today)
          --from, --to YYYY-MM-DD first and last month-end a backtest replays (default: the
                                  12 latest month-ends whose next month ended by --as-of)
          --out DIR               folder for the report files (default: reports)
          --lang zh-CN|en         report language (default: the configuration, else LC_ALL,
                                  LC_MESSAGES or LANG)
          --encoding NAME         utf-8, gb18030, utf-16le or utf-16be (default: detected)
          --strict                fail with exit status 65 and write nothing when any row or
                                  value is rejected
          --verbose               print step timings and a summary
          --backtest              add the backtest to the report's method section (--from
                                  and --to choose the month-ends)
          -h, --help              show this help
          --version               show the version

        Output (in --out, written to temporary names and then renamed):
          report.html, report.md (with chart-*.svg), summary.json, funnel.csv, win_probability.csv,
          forecast.csv, forecast_categories.csv, range.csv, overdue.csv, grade_audit.csv,
          breakdown.csv, stalled.csv, sales_velocity.csv, targets.csv, velocity.csv,
          resources.csv, unfunded.csv, missing_fields.csv, rejects.csv; with --backtest
          also backtest.csv and backtest_calibration.csv

        Exit status:
          0 success; 64 usage error; 65 data error (rejects under --strict, or an
          empty file, invalid encoding or unparsable CSV); 66 input missing or
          unreadable; 78 configuration error (a column that cannot be placed
          included); 1 any other failure
        """
    }
  }
}
