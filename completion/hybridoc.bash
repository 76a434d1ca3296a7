# Bash completion for hybridoc: commands, each command's options, the
# values of --format, --detail, --fence, --depth and --shell, the file after
# GATEWAY= for --learned and --bgp-peers, git revisions for --git,
# scenario ids for --scenario/-s (read from `hybridoc simulate DESIGN
# --format json` of the design on the command line, at its --depth),
# design files (*.yaml, *.yml) as operands, and folders where a command
# wants one (site's operand, -o of site and packet, --templates).
#
# `make install` puts it in share/bash-completion/completions/hybridoc,
# where bash-completion loads it on first use; or source it from
# ~/.bashrc.  The option lists below mirror `hybridoc help COMMAND`;
# tests/completion.test.sh fails when they drift apart.

_hybridoc_commands="validate simulate diagram runbook site packet diagnose schema import drift help"

# The options of a command, long and short.
_hybridoc_opts()
{
	case $1 in
	validate) echo "--format -f --strict --output -o --depth --verbose -v --help -h" ;;
	simulate) echo "--format -f --depth --scenario -s --output -o --help -h" ;;
	diagram) echo "--output -o --format -f --scenario -s --detail --fence --help -h" ;;
	runbook) echo "--output -o --format -f --templates -t --fence --help -h" ;;
	site) echo "--output -o --check --jobs -j --templates -t --from --fence --help -h" ;;
	packet) echo "--output -o --git --from --deployed --help -h" ;;
	diagnose) echo "--learned -l --bgp-peers --commands --shell --format -f --depth --output -o --help -h" ;;
	schema) echo "--format -f --output -o --help -h" ;;
	import) echo "--from --overlay --routes --output -o --help -h" ;;
	drift) echo "--from --format -f --output -o --help -h" ;;
	esac
}

# The values --format takes, per command.
_hybridoc_formats()
{
	case $1 in
	validate) echo "text json sarif" ;;
	simulate) echo "text json" ;;
	diagram) echo "dot svg png mermaid" ;;
	runbook) echo "html json md" ;;
	diagnose) echo "text json md" ;;
	schema) echo "json markdown" ;;
	drift) echo "text json sarif" ;;
	esac
}

# The values --fence takes, per command: how Markdown holds Mermaid.
_hybridoc_fences()
{
	case $1 in
	diagram) echo "none markdown azure-devops" ;;
	runbook|site) echo "markdown azure-devops" ;;
	esac
}

# Options that take an argument (the next word is their value).
_hybridoc_takes_arg()
{
	case $1 in
	--format|-f|--output|-o|--depth|--scenario|-s|--detail|--fence|--templates|-t|--jobs|-j|--git|--learned|-l|--bgp-peers|--shell|--from|--overlay|--deployed|--routes)
		return 0 ;;
	esac
	return 1
}

# Adds the lines of compgen's output to COMPREPLY.
_hybridoc_add()
{
	local line

	while IFS= read -r line; do
		COMPREPLY+=("$line")
	done
}

_hybridoc_dirs()
{
	compopt -o filenames 2>/dev/null
	_hybridoc_add < <(compgen -d -- "$1")
}

# Design files and the folders that may hold them.
_hybridoc_designs()
{
	compopt -o filenames 2>/dev/null
	_hybridoc_add < <(compgen -f -X '!*.yaml' -- "$1")
	_hybridoc_add < <(compgen -f -X '!*.yml' -- "$1")
	_hybridoc_add < <(compgen -d -- "$1")
}

# Scenario ids of the design on the command line (its first operand),
# at the --depth given there: $1 the word, $2 the command, then the
# words.  Ids look like circuit-down:NAME or a pair A+B.
_hybridoc_scenarios()
{
	local val=$1 cmd=$2 design='' depth='' skip='' w
	local -a ws=("${@:3}")
	local last=$((${#ws[@]} - 1))

	[ "$cmd" = simulate ] || [ "$cmd" = diagram ] || return 0
	for ((j = 1; j < last; j++)); do
		w=${ws[j]}
		if [ -n "$skip" ]; then
			[ "$skip" = depth ] && depth=$w
			skip=
			continue
		fi
		case $w in
		--depth) skip=depth ;;
		--depth=*) depth=${w#--depth=} ;;
		--*=*) ;;
		-*) _hybridoc_takes_arg "$w" && skip=1 ;;
		"$cmd") ;;
		*) [ -z "$design" ] && [ -f "$w" ] && design=$w ;;
		esac
	done
	[ -n "$design" ] || return 0
	case $depth in 1|2) ;; *) depth=1 ;; esac
	_hybridoc_add < <(compgen -W "$(command hybridoc simulate "$design" \
	    --format json --depth "$depth" 2>/dev/null |
	    sed -n 's/^  {"id": "\([^"]*\)".*/\1/p' | grep -v '^baseline$')" \
	    -- "$val")
}

_hybridoc()
{
	local cur prev cmd i w
	local -a words

	COMPREPLY=()
	# Rejoin "--opt=value" and "kind:name": COMP_WORDBREAKS splits them
	# into three words ("--opt" "=" "value", "kind" ":" "name").
	words=()
	i=0
	while [ "$i" -le "$COMP_CWORD" ]; do
		w=${COMP_WORDS[i]}
		if [[ $w == [=:] ]] && [ "${#words[@]}" -gt 0 ] &&
		    [ "$i" -lt "$COMP_CWORD" ]; then
			words[${#words[@]}-1]+=$w
			i=$((i + 1))
			words[${#words[@]}-1]+=${COMP_WORDS[i]}
		elif [[ $w == [=:] ]] && [ "${#words[@]}" -gt 0 ]; then
			words[${#words[@]}-1]+=$w
		elif [ "$i" -gt 0 ] && [[ ${COMP_WORDS[i-1]} == : ]] &&
		    [ "${#words[@]}" -gt 0 ]; then
			words[${#words[@]}-1]+=$w
		else
			words+=("$w")
		fi
		i=$((i + 1))
	done
	cur=${words[${#words[@]}-1]}
	prev=
	[ "${#words[@]}" -ge 2 ] && prev=${words[${#words[@]}-2]}

	# The command: the first word after "hybridoc" that is not an option.
	cmd=
	for ((i = 1; i < ${#words[@]} - 1; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [ -z "$cmd" ]; then
		case $cur in
		-*) _hybridoc_add < <(compgen -W "--help --version" -- "$cur") ;;
		*) _hybridoc_add < <(compgen -W "$_hybridoc_commands" -- "$cur") ;;
		esac
		return 0
	fi
	if [ "$cmd" = help ]; then
		[ "$prev" = help ] &&
		    _hybridoc_add < <(compgen -W "${_hybridoc_commands% help}" -- "$cur")
		return 0
	fi

	# "--opt=value": complete the value after the "=".
	local opt='' val=''
	case $cur in
	--*=*)
		opt=${cur%%=*}
		val=${cur#*=}
		;;
	*)
		if _hybridoc_takes_arg "$prev"; then
			opt=$prev
			val=$cur
		fi
		;;
	esac
	if [ -n "$opt" ]; then
		local n=${#COMPREPLY[@]}

		case $opt in
		--format|-f)
			_hybridoc_add < <(compgen -W "$(_hybridoc_formats "$cmd")" -- "$val") ;;
		--detail)
			_hybridoc_add < <(compgen -W "summary full" -- "$val") ;;
		--fence)
			_hybridoc_add < <(compgen -W "$(_hybridoc_fences "$cmd")" -- "$val") ;;
		--depth)
			_hybridoc_add < <(compgen -W "1 2" -- "$val") ;;
		--shell)
			_hybridoc_add < <(compgen -W "az powershell" -- "$val") ;;
		--learned|-l|--bgp-peers)
			# GATEWAY=FILE: the file after the gateway's name.
			# Bash replaces only its own last word: after "=" when
			# '=' breaks words, else all of "GATEWAY=FILE".
			case $val in
			*=*)
				local pre='' last=${COMP_WORDS[COMP_CWORD]}

				case $last in
				=) pre== ;;
				*=*) pre=${val%%=*}= ;;
				esac
				compopt -o filenames 2>/dev/null
				_hybridoc_add < <(compgen -f -P "$pre" -- "${val#*=}")
				;;
			esac
			;;
		--from)
			_hybridoc_add < <(compgen -W "arm terraform" -- "$val") ;;
		--overlay)
			_hybridoc_designs "$val" ;;
		--deployed)
			compopt -o filenames 2>/dev/null
			_hybridoc_add < <(compgen -f -- "$val") ;;
		--templates|-t)
			_hybridoc_dirs "$val" ;;
		--output|-o)
			case $cmd in
			site|packet) _hybridoc_dirs "$val" ;;
			*)
				compopt -o filenames 2>/dev/null
				_hybridoc_add < <(compgen -f -- "$val")
				;;
			esac
			;;
		--scenario|-s)
			_hybridoc_scenarios "$val" "$cmd" "${words[@]}" ;;
		--git)
			if command -v git >/dev/null 2>&1; then
				_hybridoc_add < <(compgen -W "HEAD $(git for-each-ref \
				    --format='%(refname:short)' refs/heads refs/tags \
				    refs/remotes 2>/dev/null)" -- "$val")
			fi
			;;
		esac
		# Without '=' in COMP_WORDBREAKS the word is "--opt=value",
		# and so must be what replaces it.
		if [[ ${COMP_WORDS[COMP_CWORD]} == --*=* ]]; then
			for ((i = n; i < ${#COMPREPLY[@]}; i++)); do
				COMPREPLY[i]=$opt=${COMPREPLY[i]}
			done
		fi
		# With ':' in COMP_WORDBREAKS (bash's default) bash replaces
		# only what follows the last ':' of the word, so the replies
		# lose what comes before it (as bash-completion's
		# __ltrim_colon_completions does).
		if [[ $val == *:* && $COMP_WORDBREAKS == *:* ]]; then
			local head=${val%"${val##*:}"}
			for ((i = n; i < ${#COMPREPLY[@]}; i++)); do
				COMPREPLY[i]=${COMPREPLY[i]#"$head"}
			done
		fi
		return 0
	fi

	case $cur in
	-*)
		_hybridoc_add < <(compgen -W "$(_hybridoc_opts "$cmd")" -- "$cur")
		return 0
		;;
	esac
	case $cmd in
	site)
		_hybridoc_dirs "$cur"
		# With --from, the operands after the folder are exports.
		case " ${words[*]} " in
		*" --from "*|*" --from="*)
			compopt -o filenames 2>/dev/null
			_hybridoc_add < <(compgen -f -X '!*.json' -- "$cur") ;;
		esac
		;;
	schema) ;;
	*) _hybridoc_designs "$cur" ;;
	esac
	return 0
}

complete -F _hybridoc hybridoc
